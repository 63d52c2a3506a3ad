// swagger-ui-dist ships JavaScript only: the part of Swagger UI's configuration the API console uses.
declare module 'swagger-ui-dist/swagger-ui-es-bundle.js' {
  interface SwaggerRequest {
    url: string;
    method: string;
    headers: Record<string, string>;
  }
  interface SwaggerOptions {
    domNode: HTMLElement;
    spec: object;
    /** May answer a Promise: Swagger UI waits for it before sending. */
    requestInterceptor?: (request: SwaggerRequest) => SwaggerRequest | Promise<SwaggerRequest>;
    plugins?: Array<() => { wrapComponents?: Record<string, () => () => null> }>;
    tryItOutEnabled?: boolean;
    displayOperationId?: boolean;
    defaultModelsExpandDepth?: number;
  }
  const SwaggerUI: (options: SwaggerOptions) => unknown;
  export default SwaggerUI;
}
