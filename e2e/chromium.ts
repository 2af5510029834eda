// How the end-to-end tests launch Debian's Chromium: by default without a GPU; the WebGPU specs with
// SwiftShader's WebGPU (a software GPU); the camera spec with Chromium's fake camera, allowed without asking.
import type { LaunchOptions } from '@playwright/test';

const executablePath = process.env.NEUROBLOCKS_CHROMIUM ?? '/usr/bin/chromium';
const common = ['--no-sandbox', '--disable-background-networking', '--disable-component-update'];

export const defaultLaunch: LaunchOptions = { executablePath, args: [...common, '--disable-gpu'] };
export const webgpuLaunch: LaunchOptions = {
  executablePath,
  args: [...common, '--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'],
};
export const fakeCameraLaunch: LaunchOptions = {
  executablePath,
  args: [...common, '--disable-gpu', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
};
