// Lets plain TypeScript (tsc, and ESLint's type-aware rules) type `.vue` imports; vue-tsc reads the real files.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
