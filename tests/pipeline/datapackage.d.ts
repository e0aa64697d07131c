/** The part of the Frictionless validator `datapackage` (npm, untyped) that the package test uses. */
declare module 'datapackage' {
  export class Resource {
    name: string;
    descriptor: { rows?: number; dialect?: object; [k: string]: unknown };
    read(options?: { cast?: boolean; keyed?: boolean }): Promise<unknown[][]>;
  }
  export class Package {
    static load(descriptor: string | object, options?: { basePath?: string; strict?: boolean }): Promise<Package>;
    valid: boolean;
    errors: Error[];
    resources: Resource[];
  }
}
