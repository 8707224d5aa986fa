// Exporters: where accounts go when they leave (Aegis, Google Authenticator, otpauth lists).
export * from './aegis';
export * from './files';
export * from './google-qr';
export * from './otpauth';
export * from './types';
