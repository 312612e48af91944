import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ServicedeskError } from './errors.ts';

/**
 * The item's form is a JSON Schema; a request's answers are checked against
 * it when submitted. Compiling is pure (no I/O), and kept per schema text so
 * a busy item is compiled once per process.
 */
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const compiled = new Map<string, ValidateFunction>();

function validatorOf(form: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(form);
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(form);
    compiled.set(key, validate);
  }
  return validate;
}

/** Refuses a form that is no JSON Schema of an object, naming the field of the definition at fault. */
export function checkFormSchema(form: Record<string, unknown>): void {
  try {
    validatorOf(form);
  } catch (error) {
    throw new ServicedeskError('EJP_REQUEST_FORM_SCHEMA_INVALID', `The form is not a valid JSON Schema: ${(error as Error).message}`, {
      errors: [{ path: 'body.form', message: (error as Error).message }],
    });
  }
  if (form.type !== 'object') {
    throw new ServicedeskError('EJP_REQUEST_FORM_SCHEMA_INVALID', 'The form must describe an object (type: object).', {
      errors: [{ path: 'body.form.type', message: 'must be "object"' }],
    });
  }
}

/** Refuses answers that do not fit the form: one entry per field at fault, as `body.answers.<field>`. */
export function checkAnswers(form: Record<string, unknown>, answers: Record<string, unknown>): void {
  const validate = validatorOf(form);
  if (validate(answers)) return;
  const errors = (validate.errors ?? []).map((issue) => {
    const segments = issue.instancePath.split('/').filter((s) => s !== '');
    // A missing property is reported on its parent: name the property itself.
    if (issue.keyword === 'required') segments.push(String(issue.params.missingProperty));
    if (issue.keyword === 'additionalProperties') segments.push(String(issue.params.additionalProperty));
    return { path: ['body', 'answers', ...segments].join('.'), message: issue.message ?? 'is invalid' };
  });
  throw new ServicedeskError('EJP_REQUEST_FORM_INVALID', `The answers do not fit the form: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`, { errors });
}
