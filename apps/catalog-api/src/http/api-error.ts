import type { z } from 'zod';

/** The error body every route answers with: `{ error: { code, message, issues? } }`. */
export interface ApiErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: { path: string; message: string }[] | undefined;

  constructor(status: number, code: string, message: string, issues?: { path: string; message: string }[]) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
  }

  body(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) } };
  }

  /** A 400 naming each bad parameter and why: "query parameter `minContext`: expected a number". */
  static fromZod(where: 'query parameter' | 'path parameter' | 'body field', error: z.ZodError): ApiError {
    const issues = error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(root)',
      message: issue.message,
    }));
    const message = issues.map((i) => `${where} \`${i.path}\`: ${i.message}`).join('; ');
    return new ApiError(400, 'invalid_request', message, issues);
  }
}
