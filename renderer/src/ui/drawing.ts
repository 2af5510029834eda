// The drawing pad's digits are prepared as the exported web page prepares them: one function for both.
export { toDigitImage } from '../../../core/model/digit-image';
