export const VERSION: string = __PACKAGE_VERSION__;
