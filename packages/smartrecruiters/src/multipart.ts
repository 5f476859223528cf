import type { AttachmentType, AttachmentUpload, ResumeUpload } from "./generated/types.js";

/** A file to upload: a `File` (its name is sent), or a `Blob` with `fileName`. */
export interface UploadFile {
  file: Blob;
  /** File name sent in the multipart part; default the `File`'s name, else `"file"`. */
  fileName?: string;
}

/** What {@link attachmentForm} and {@link resumeForm} return: spread it into the request init. */
export interface MultipartInit<T> {
  /** The typed fields (for the compiler; the wire body is built by `bodySerializer`). */
  body: T;
  /** Builds the `multipart/form-data` body; fetch sets the boundary. */
  bodySerializer: () => FormData;
}

/**
 * The multipart body of `POST /candidates/{candidateId}/attachments` and
 * `POST /candidates/{candidateId}/jobs/{jobId}/attachments`: `attachmentType` and `file`
 * (https://developers.smartrecruiters.com/docs/customer-overview).
 *
 * @example
 * ```ts
 * const cv = new File([await readFile("cv.pdf")], "cv.pdf", { type: "application/pdf" });
 * await sr.POST("/candidates/{candidateId}/attachments", {
 *   params: { path: { candidateId } },
 *   ...attachmentForm({ attachmentType: "RESUME", file: cv }),
 * });
 * ```
 */
export function attachmentForm(fields: { attachmentType: AttachmentType } & UploadFile): MultipartInit<AttachmentUpload> {
  const { attachmentType, ...upload } = fields;
  return form({ attachmentType }, upload) as MultipartInit<AttachmentUpload>;
}

/**
 * The multipart body of the resume-parsing calls `POST /candidates/cv` and
 * `POST /jobs/{jobId}/candidates/cv`: the resume `file`, optional source ids and `internal`.
 *
 * @example
 * ```ts
 * const { data: candidate } = await sr.POST("/jobs/{jobId}/candidates/cv", {
 *   params: { path: { jobId } },
 *   ...resumeForm({ file: cv, sourceTypeId: "job_boards" }),
 * });
 * ```
 */
export function resumeForm(fields: Omit<ResumeUpload, "file"> & UploadFile): MultipartInit<ResumeUpload> {
  const { file, fileName, ...rest } = fields;
  return form(rest, { file, fileName }) as MultipartInit<ResumeUpload>;
}

function form(fields: Record<string, string | boolean | undefined>, upload: UploadFile): MultipartInit<unknown> {
  if (!(upload.file instanceof Blob)) throw new TypeError('smartrecruiters: option "file" must be a Blob or File');
  const name = upload.fileName ?? (typeof File !== "undefined" && upload.file instanceof File ? upload.file.name : "file");
  return {
    body: { ...fields, file: name },
    bodySerializer: () => {
      const data = new FormData();
      for (const [key, value] of Object.entries(fields)) if (value !== undefined) data.append(key, String(value));
      data.append("file", upload.file, name);
      return data;
    },
  };
}
