import type { paths } from "./generated/schema.js";

type UploadPath = "/{module}/{recordId}/Attachments";
type UploadOperation = paths[UploadPath]["post"];
type UploadQuery = NonNullable<UploadOperation["parameters"]["query"]>;
type OtherUploadQuery = Omit<UploadQuery, "attachments_category" | "attachments_category_id">;

/**
 * The query of `POST /{module}/{recordId}/Attachments`: the attachment category is mandatory, as
 * its label (`attachments_category`) or its id (`attachments_category_id`); with one of them the
 * other is not required
 * (https://www.zoho.com/recruit/developer-guide/apiv2/upload-attachment.html). OpenAPI cannot
 * say "one of two query parameters", so the generated type has both optional and this one
 * requires at least one.
 *
 * @example
 * ```ts
 * const query: AttachmentUploadQuery = { attachments_category: "Resume" };
 * ```
 */
export type AttachmentUploadQuery =
  | (OtherUploadQuery & { attachments_category: string; attachments_category_id?: string })
  | (OtherUploadQuery & { attachments_category?: string; attachments_category_id: string });

/**
 * The generated `paths` with the rules OpenAPI cannot express applied: today, the upload of an
 * attachment requires one of its two category parameters ({@link AttachmentUploadQuery}).
 * {@link ZohoRecruitClient} is typed with it.
 *
 * @example
 * ```ts
 * type Upload = ZohoRecruitPaths["/{module}/{recordId}/Attachments"]["post"];
 * ```
 */
export type ZohoRecruitPaths = Omit<paths, UploadPath> & {
  [P in UploadPath]: Omit<paths[P], "post"> & {
    post: Omit<UploadOperation, "parameters"> & {
      parameters: Omit<UploadOperation["parameters"], "query"> & { query: AttachmentUploadQuery };
    };
  };
};
