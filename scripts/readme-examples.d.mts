export interface ReadmeExample {
  name: string;
  code: string;
}
export function readmeExamples(readmePath: string): ReadmeExample[];
export function writeReadmeExamples(packageDir: string): string[];
