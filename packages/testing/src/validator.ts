import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { loadSpec, type OpenApiDocument, type SpecVendor } from "./spec.js";

/** One thing wrong with a request, as found by checking it against the vendor's OpenAPI document. */
export interface RequestProblem {
  /** Where the problem is: the operation itself, a parameter, or the body. */
  in: "operation" | "path" | "query" | "header" | "body";
  /** The parameter or body field at fault (`address.postalCode`), when there is one. */
  field?: string;
  /** What was wrong, in words. */
  message: string;
}

/** A request as the validator sees it. */
export interface RequestToValidate {
  method: string;
  /** Path relative to the server base (`/candidates/123`). */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  contentType: string | undefined;
  body: Buffer;
}

/** The operation a request matched. */
export interface MatchedOperation {
  /** The path template of the spec (`/candidates/{candidateId}`). */
  template: string;
  method: string;
  /** Path parameters taken from the URL. */
  params: Record<string, string>;
}

/** Checks requests against one vendor's OpenAPI document. */
export interface SpecValidator {
  /** The operation for a method and path, or the problem (unknown path, method not allowed). */
  match(method: string, path: string): MatchedOperation | RequestProblem;
  /** Everything wrong with a request for a matched operation (empty when it is valid). */
  validate(operation: MatchedOperation, request: RequestToValidate): Promise<RequestProblem[]>;
  /** Everything wrong with an answer to a matched operation: a status it does not declare, or a JSON body that breaks its schema. */
  validateAnswer(operation: MatchedOperation, status: number, body: unknown): RequestProblem[];
}

interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: unknown;
  pointer: string;
}

interface Template {
  template: string;
  regex: RegExp;
  names: string[];
  literals: number;
}

const escapePointer = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");

function resolve(doc: OpenApiDocument, value: unknown, pointer: string): { value: Record<string, unknown>; pointer: string } {
  let current = value as Record<string, unknown>;
  let at = pointer;
  for (let depth = 0; typeof current?.$ref === "string" && depth < 10; depth++) {
    const ref = current.$ref as string;
    at = ref.slice(1);
    current = ref
      .slice(2)
      .split("/")
      .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<Record<string, unknown>>((node, key) => node?.[key] as Record<string, unknown>, doc);
  }
  return { value: current, pointer: at };
}

function fieldOf(error: ErrorObject): string | undefined {
  const path = error.instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const missing = (error.params as { missingProperty?: string }).missingProperty;
  if (missing !== undefined) path.push(missing);
  return path.length === 0 ? undefined : path.join(".");
}

function describe(error: ErrorObject): string {
  const field = fieldOf(error);
  const missing = (error.params as { missingProperty?: string }).missingProperty;
  if (missing !== undefined) return `"${field}" is required`;
  const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
  const suffix = allowed === undefined ? "" : ` (${allowed.map((v) => JSON.stringify(v)).join(", ")})`;
  return `${field === undefined ? "body" : `"${field}"`} ${error.message ?? "is invalid"}${suffix}`;
}

const validators = new Map<SpecVendor, SpecValidator>();

/**
 * The request validator of a vendor, built once per process: Ajv (JSON Schema 2020-12, as
 * OpenAPI 3.1 uses) compiles each schema on first use.
 */
export function specValidator(vendor: SpecVendor): SpecValidator {
  let validator = validators.get(vendor);
  if (validator === undefined) {
    validator = buildValidator(loadSpec(vendor));
    validators.set(vendor, validator);
  }
  return validator;
}

function buildValidator(doc: OpenApiDocument): SpecValidator {
  // OpenAPI adds keywords (example, discriminator, xml) and formats (int64, binary) that
  // plain JSON Schema does not know: not strict, formats we cannot check accepted as is.
  const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false, validateFormats: true });
  addFormats.default(ajv);
  for (const format of ["int32", "int64", "float", "double", "byte", "binary", "password"]) ajv.addFormat(format, true);
  const coercing = new Ajv2020({ strict: false, allErrors: true, logger: false, coerceTypes: "array" });
  addFormats.default(coercing);
  for (const format of ["int32", "int64", "float", "double", "byte", "binary", "password"]) coercing.addFormat(format, true);
  ajv.addSchema(doc, "spec");
  coercing.addSchema(doc, "spec");
  const compiled = new Map<string, ValidateFunction>();
  const compile = (instance: Ajv2020, key: string, schema: object) => {
    let fn = compiled.get(key);
    if (fn === undefined) {
      fn = instance.compile(schema);
      compiled.set(key, fn);
    }
    return fn;
  };

  // Literal segments win over templated ones (`/Candidates/status` before `/{module}/{recordId}`).
  const templates: Template[] = Object.keys(doc.paths)
    .map((template) => {
      const names: string[] = [];
      const pattern = template
        .split("/")
        .map((segment) =>
          segment.replace(/\{([^}]+)\}|[^{}]+/g, (part, name: string | undefined) => {
            if (name !== undefined) {
              names.push(name);
              return "([^/]+)";
            }
            return part.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
          }),
        )
        .join("/");
      const literals = template.split("/").filter((s) => s !== "" && !s.includes("{")).length;
      return { template, regex: new RegExp(`^${pattern}/?$`), names, literals };
    })
    .sort((a, b) => b.literals - a.literals || a.names.length - b.names.length);

  function match(method: string, path: string): MatchedOperation | RequestProblem {
    const lower = method.toLowerCase();
    let pathKnown = false;
    for (const t of templates) {
      const found = t.regex.exec(path);
      if (found === null) continue;
      pathKnown = true;
      if (doc.paths[t.template]?.[lower] === undefined) continue;
      const params = Object.fromEntries(t.names.map((name, i) => [name, decodeURIComponent(found[i + 1] ?? "")]));
      return { template: t.template, method: lower, params };
    }
    return pathKnown
      ? { in: "operation", message: `${method.toUpperCase()} is not an operation of ${path} in the OpenAPI document` }
      : { in: "operation", message: `${path} is not a path of the OpenAPI document` };
  }

  function parametersOf(op: MatchedOperation): Parameter[] {
    const base = `/paths/${escapePointer(op.template)}`;
    const item = doc.paths[op.template] as Record<string, unknown>;
    const operation = item[op.method] as Record<string, unknown>;
    const list: Parameter[] = [];
    const add = (raw: unknown, pointer: string) => {
      const { value, pointer: at } = resolve(doc, raw, pointer);
      const existing = list.findIndex((p) => p.name === value.name && p.in === value.in);
      const parameter = { ...(value as unknown as Parameter), pointer: at };
      if (existing >= 0) list[existing] = parameter;
      else list.push(parameter);
    };
    for (const [i, p] of ((item.parameters as unknown[]) ?? []).entries()) add(p, `${base}/parameters/${i}`);
    for (const [i, p] of ((operation.parameters as unknown[]) ?? []).entries()) add(p, `${base}/${op.method}/parameters/${i}`);
    return list;
  }

  async function validate(op: MatchedOperation, request: RequestToValidate): Promise<RequestProblem[]> {
    const problems: RequestProblem[] = [];
    for (const parameter of parametersOf(op)) {
      if (parameter.in === "cookie") continue;
      let values: string[];
      if (parameter.in === "path") values = op.params[parameter.name] === undefined ? [] : [op.params[parameter.name] as string];
      else if (parameter.in === "query") values = request.query.getAll(parameter.name);
      else {
        const header = request.headers[parameter.name.toLowerCase()];
        values = header === undefined ? [] : Array.isArray(header) ? header : [header];
      }
      if (values.length === 0) {
        if (parameter.required === true) {
          problems.push({
            in: parameter.in,
            field: parameter.name,
            message: `${parameter.in} parameter "${parameter.name}" is required`,
          });
        }
        continue;
      }
      const fn = compile(coercing, `param:${parameter.pointer}`, {
        type: "object",
        properties: { value: { $ref: `spec#${parameter.pointer}/schema` } },
      });
      const schema = resolve(doc, parameter.schema, "").value;
      // Arrays arrive repeated (`jobId=a&jobId=b`) or comma-separated (`ids=1,2`, Zoho).
      const value =
        schema?.type === "array" ? (values.length === 1 ? (values[0] as string).split(",") : values) : values[values.length - 1];
      if (!fn({ value })) {
        const detail = (fn.errors ?? []).map((e) => `${e.message ?? "is invalid"}`).join("; ");
        problems.push({
          in: parameter.in,
          field: parameter.name,
          message: `${parameter.in} parameter "${parameter.name}" ${detail}`,
        });
      }
    }
    problems.push(...(await validateBody(op, request)));
    return problems;
  }

  async function validateBody(op: MatchedOperation, request: RequestToValidate): Promise<RequestProblem[]> {
    const base = `/paths/${escapePointer(op.template)}/${op.method}/requestBody`;
    const operation = (doc.paths[op.template] as Record<string, Record<string, unknown>>)[op.method] as Record<string, unknown>;
    if (operation.requestBody === undefined) return [];
    const { value: body, pointer } = resolve(doc, operation.requestBody, base);
    const content = (body.content ?? {}) as Record<string, unknown>;
    if (request.body.length === 0) {
      return body.required === true ? [{ in: "body", message: "a request body is required" }] : [];
    }
    const type = (request.contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    const accepted = Object.keys(content);
    const mediaType = accepted.find((m) => m.toLowerCase() === type) ?? accepted.find((m) => m === "*/*");
    if (mediaType === undefined) {
      return [
        { in: "body", message: `content type "${type || "(none)"}" is not accepted; the operation takes ${accepted.join(", ")}` },
      ];
    }
    let data: unknown;
    if (type === "application/json" || type.endsWith("+json")) {
      try {
        data = JSON.parse(request.body.toString("utf8"));
      } catch {
        return [{ in: "body", message: "the body is not valid JSON" }];
      }
    } else if (type === "application/x-www-form-urlencoded") {
      data = Object.fromEntries(new URLSearchParams(request.body.toString("utf8")));
    } else if (type === "multipart/form-data") {
      try {
        const form = await new Response(new Uint8Array(request.body), {
          headers: { "content-type": request.contentType ?? "" },
        }).formData();
        const fields: Record<string, string> = {};
        for (const [key, value] of form.entries()) fields[key] = typeof value === "string" ? value : value.name;
        data = fields;
      } catch {
        return [{ in: "body", message: "the multipart body cannot be parsed" }];
      }
    } else {
      return [];
    }
    const media = content[mediaType] as { schema?: unknown };
    if (media.schema === undefined) return [];
    const fn = compile(ajv, `body:${pointer}:${mediaType}`, {
      $ref: `spec#${pointer}/content/${escapePointer(mediaType)}/schema`,
    });
    if (fn(data)) return [];
    return (fn.errors ?? []).map((error) => {
      const field = fieldOf(error);
      return { in: "body" as const, ...(field === undefined ? {} : { field }), message: describe(error) };
    });
  }

  function validateAnswer(op: MatchedOperation, status: number, body: unknown): RequestProblem[] {
    const base = `/paths/${escapePointer(op.template)}/${op.method}/responses`;
    const operation = (doc.paths[op.template] as Record<string, Record<string, unknown>>)[op.method] as Record<string, unknown>;
    const responses = (operation.responses ?? {}) as Record<string, unknown>;
    const key = [String(status), `${String(status)[0]}XX`, "default"].find((k) => responses[k] !== undefined);
    const where = `${op.method.toUpperCase()} ${op.template}`;
    if (key === undefined) return [{ in: "operation", message: `${where} declares no ${status} answer` }];
    const { value: response, pointer } = resolve(doc, responses[key], `${base}/${escapePointer(key)}`);
    const schema = ((response.content ?? {}) as Record<string, { schema?: unknown }>)["application/json"]?.schema;
    if (schema === undefined) {
      return body === undefined ? [] : [{ in: "body", message: `the ${status} answer of ${where} has no body in the document` }];
    }
    if (body === undefined) return [{ in: "body", message: `the ${status} answer of ${where} has no body` }];
    const fn = compile(ajv, `answer:${pointer}`, { $ref: `spec#${pointer}/content/application~1json/schema` });
    if (fn(body)) return [];
    return (fn.errors ?? []).map((error) => {
      const field = fieldOf(error);
      return {
        in: "body" as const,
        ...(field === undefined ? {} : { field }),
        message: `${where} ${status}: ${describe(error)}`,
      };
    });
  }

  return { match, validate, validateAnswer };
}
