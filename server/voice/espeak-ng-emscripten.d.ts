// The package ships JavaScript only: its default export is Emscripten's module factory.
declare module '@echogarden/espeak-ng-emscripten' {
  const factory: (options?: object) => Promise<unknown>;
  export default factory;
}
