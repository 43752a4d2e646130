import { createRequire as __tunewiseCreateRequire } from 'node:module'; const require = __tunewiseCreateRequire(import.meta.url);

// src/index.ts
console.log("tunewise action");
