export * from './gpu-need';
export * from './nvidia-smi';
export * from './probe';
export * from './assess';
export * from './exit-code';
export * from './format';
