/** An import module's form (`mispattributes.userConfig`), answered as MISP's import form does: strings, "0"/"1" for checkboxes. */
import type { ModuleInfo, UserConfigField } from '../model/modules.js';

function Field({ module, name, field, value, onChange }: { module: string; name: string; field: UserConfigField; value: string | undefined; onChange: (v: string) => void }) {
  const label = `${module} ${name}`;
  if (field.type === 'Boolean') {
    return (
      <label class="check">
        <input type="checkbox" checked={(value ?? field.checked ?? '0') === '1'} onChange={(e) => onChange(e.currentTarget.checked ? '1' : '0')} aria-label={label} />
        <span>{field.message}</span>
      </label>
    );
  }
  if (field.type === 'Select' && field.options) {
    return (
      <label>
        <span>{field.message}</span>
        <select value={value ?? ''} onChange={(e) => onChange(e.currentTarget.value)} aria-label={label}>
          {Object.entries(field.options).map(([k, v]) => (
            <option value={k} key={k}>
              {v}
            </option>
          ))}
        </select>
      </label>
    );
  }
  return (
    <label>
      <span>{field.message}</span>
      <input type={field.type === 'Integer' ? 'number' : 'text'} value={value ?? ''} onInput={(e) => onChange(e.currentTarget.value)} aria-label={label} />
    </label>
  );
}

export function ImportFields({ module, answers, onChange }: { module: ModuleInfo; answers: Record<string, string>; onChange: (answers: Record<string, string>) => void }) {
  const fields = Object.entries(module.userConfig);
  if (fields.length === 0) return null;
  return (
    <fieldset class="import-fields">
      <legend>{module.name} import options</legend>
      {fields.map(([name, field]) => (
        <Field key={name} module={module.name} name={name} field={field} value={answers[name]} onChange={(v) => onChange({ ...answers, [name]: v })} />
      ))}
    </fieldset>
  );
}
