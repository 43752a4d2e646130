export * from '@tunewise/core';
