/**
 * A result as tables: event-level attributes, objects grouped under their
 * template (relation, type, value, and the references that link them), tags
 * and reports. Every attribute can be pivoted on.
 */
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import type { ViewAttribute, ViewObject, ViewResult } from '../model/results.js';
import type { RunRecord, Session } from '../model/session.js';
import { PivotPanel } from './pivot-panel.js';

const ROWS_SHOWN = 100;

interface Context {
  session: Session;
  run: RunRecord;
  labels: Map<string, string>;
  pivotOpen: string | undefined;
  setPivotOpen: (uuid: string | undefined) => void;
}

function PivotButton({ attribute, ctx }: { attribute: ViewAttribute; ctx: Context }) {
  const open = ctx.pivotOpen === attribute.uuid;
  return (
    <button type="button" class="pivot" aria-expanded={open} aria-label={`Pivot on ${attribute.value}`} title="Run this value through more modules" onClick={() => ctx.setPivotOpen(open ? undefined : attribute.uuid)}>
      Pivot ▸
    </button>
  );
}

function PivotRow({ attribute, ctx, columns }: { attribute: ViewAttribute; ctx: Context; columns: number }) {
  if (ctx.pivotOpen !== attribute.uuid) return null;
  return (
    <tr class="pivot-row">
      <td colSpan={columns}>
        <PivotPanel target={{ session: ctx.session, run: ctx.run, attribute }} onClose={() => ctx.setPivotOpen(undefined)} />
      </td>
    </tr>
  );
}

function Tags({ tags }: { tags: string[] }) {
  return (
    <>
      {tags.map((t) => (
        <span class="tag" key={t}>
          {t}
        </span>
      ))}
    </>
  );
}

function AttributesTable({ attributes, ctx }: { attributes: ViewAttribute[]; ctx: Context }) {
  const [all, setAll] = useState(false);
  const shown = all ? attributes : attributes.slice(0, ROWS_SHOWN);
  return (
    <>
      <table class="results attributes">
        <caption>Attributes ({attributes.length})</caption>
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col">Value</th>
            <th scope="col">Category</th>
            <th scope="col">IDS</th>
            <th scope="col">Comment</th>
            <th scope="col">Tags</th>
            <th scope="col">
              <span class="visually-hidden">Pivot</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((a) => (
            <Fragment key={a.uuid}>
              <tr data-value={a.value}>
                <td>
                  <code>{a.type}</code>
                  {a.candidates.length > 1 && <span class="muted"> or {a.candidates.slice(1).join(', ')}</span>}
                </td>
                <td class="value">{a.value}</td>
                <td>{a.category ?? ''}</td>
                <td>{a.toIds === undefined ? '' : a.toIds ? 'yes' : 'no'}</td>
                <td>{a.comment ?? ''}</td>
                <td>
                  <Tags tags={a.tags} />
                </td>
                <td>
                  <PivotButton attribute={a} ctx={ctx} />
                </td>
              </tr>
              <PivotRow attribute={a} ctx={ctx} columns={7} />
            </Fragment>
          ))}
        </tbody>
      </table>
      {attributes.length > shown.length && (
        <button type="button" class="link" onClick={() => setAll(true)}>
          Show all {attributes.length} attributes
        </button>
      )}
    </>
  );
}

function ObjectTable({ object, ctx }: { object: ViewObject; ctx: Context }) {
  return (
    <div class="object" data-object={object.name}>
      <table class="results object-attributes">
        <thead>
          <tr>
            <th scope="col">Relation</th>
            <th scope="col">Type</th>
            <th scope="col">Value</th>
            <th scope="col">
              <span class="visually-hidden">Pivot</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {object.attributes.map((a) => (
            <Fragment key={a.uuid}>
              <tr data-value={a.value}>
                <th scope="row">{a.relation}</th>
                <td>
                  <code>{a.type}</code>
                </td>
                <td class="value">
                  {a.value} <Tags tags={a.tags} />
                </td>
                <td>
                  <PivotButton attribute={a} ctx={ctx} />
                </td>
              </tr>
              <PivotRow attribute={a} ctx={ctx} columns={4} />
            </Fragment>
          ))}
        </tbody>
      </table>
      {object.references.length > 0 && (
        <ul class="references">
          {object.references.map((r, i) => (
            <li key={i}>
              → <em>{r.relationship}</em> {ctx.labels.get(r.target) ?? r.target}
            </li>
          ))}
        </ul>
      )}
      {object.comment && <p class="muted">{object.comment}</p>}
    </div>
  );
}

function ObjectGroups({ objects, ctx }: { objects: ViewObject[]; ctx: Context }) {
  const [all, setAll] = useState(false);
  const groups = new Map<string, ViewObject[]>();
  for (const o of all ? objects : objects.slice(0, ROWS_SHOWN)) groups.set(o.name, [...(groups.get(o.name) ?? []), o]);
  return (
    <>
      {[...groups].map(([name, members]) => (
        <section class="object-group" key={name} aria-label={`${name} objects`}>
          <h4>
            <code>{name}</code> <span class="muted">({members.length})</span>
          </h4>
          {members.map((o) => (
            <ObjectTable key={o.uuid} object={o} ctx={ctx} />
          ))}
        </section>
      ))}
      {objects.length > ROWS_SHOWN && !all && (
        <button type="button" class="link" onClick={() => setAll(true)}>
          Show all {objects.length} objects
        </button>
      )}
    </>
  );
}

export function ResultTables({ result, inputUuid, session, run, labels }: { result: ViewResult; inputUuid: string; session: Session; run: RunRecord; labels: Map<string, string> }) {
  const [pivotOpen, setPivotOpen] = useState<string | undefined>(undefined);
  const ctx: Context = { session, run, labels, pivotOpen, setPivotOpen };
  const attributes = result.attributes.filter((a) => a.uuid !== inputUuid);
  if (attributes.length === 0 && result.objects.length === 0 && result.tags.length === 0 && result.reports.length === 0) {
    return <p class="muted">No results.</p>;
  }
  return (
    <div class="result-tables">
      {result.comment && <p class="muted">{result.comment}</p>}
      {result.tags.length > 0 && (
        <p class="tags">
          Tags: <Tags tags={result.tags} />
        </p>
      )}
      {attributes.length > 0 && <AttributesTable attributes={attributes} ctx={ctx} />}
      {result.objects.length > 0 && <ObjectGroups objects={result.objects} ctx={ctx} />}
      {result.reports.map((r, i) => (
        <details class="report" key={i}>
          <summary>Report: {r.name}</summary>
          <pre>{r.content}</pre>
        </details>
      ))}
    </div>
  );
}
