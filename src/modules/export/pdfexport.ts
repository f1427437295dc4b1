/**
 * pdfexport: a readable PDF report of a MISP event: title, metadata table,
 * tags, standalone attributes grouped by category, objects with their
 * attributes and references, galaxies and clusters. As in PyMISP's report,
 * each attribute shows its uuid, its own tags, its sightings (positive /
 * negative / misc.) and its galaxies, and each object its uuid, description,
 * comment and date. Upstream delegates to
 * PyMISP's reportlab_generator; this port lays the report out itself with
 * pdfkit on a worker thread (./_pdf/render.ts).
 *
 * Settings as upstream: `MISP_base_url_for_dynamic_link` links the title to
 * the event, `MISP_name_for_metadata` sets the PDF's author,
 * `Activate_textual_description`, `Activate_galaxy_description` and
 * `Activate_related_events` ("True" or empty) add a summary paragraph,
 * galaxy/cluster descriptions and the related events, `Custom_fonts_path`
 * sets the font (a TrueType file). Text is set in a Unicode font (DejaVu or
 * pdfjs-dist's Liberation Sans), so `Activate_internationalization_fonts` is
 * accepted but has no effect; characters the font lacks (CJK) print as
 * empty boxes unless `Custom_fonts_path` names a font that has them.
 * Changed: with several events, each gets its own pages in one file
 * (upstream kept only the first).
 */
import { defineModule } from '../../core/module.js';
import { exportResult } from '../../misp/export-result.js';
import { eventModel, pdfOptions, type PdfReport } from './_pdf/model.js';
import { exportEvents } from './_text/events.js';
import { EVENTS_MESSAGES } from './_text/messages.js';

const TASK = new URL('./_pdf/render-task.js', import.meta.url);

export default defineModule({
  name: 'pdfexport',
  kind: 'export',
  moduleType: ['export'],
  meta: {
    version: '2',
    author: 'Vincent Falconieri (prev. Raphaël Vinot)',
    description: 'Simple export of a MISP event to PDF.',
    name: 'Event to PDF Export',
    require_standard_format: true,
    logo: '',
    requirements: [],
    features:
      'The module takes care of the PDF file building, and work with any MISP Event. Some parameters can be given' +
      " through the config dict. 'MISP_base_url_for_dynamic_link' is your MISP URL, to attach an hyperlink to your" +
      " event on your MISP instance from the PDF. Keep it clear to avoid hyperlinks in the generated pdf.\n" +
      "  'MISP_name_for_metadata' is your CERT or MISP instance name. Used as text in the PDF' metadata\n" +
      "  'Activate_textual_description' is a boolean (True or void) to activate the textual description/header" +
      " abstract of an event\n  'Activate_galaxy_description' is a boolean (True or void) to activate the description" +
      " of event related galaxies.\n  'Activate_related_events' is a boolean (True or void) to activate the" +
      ' description of related event. Be aware this might leak information on confidential events linked to the' +
      " current event !\n  'Activate_internationalization_fonts' is accepted for compatibility: text is always set in" +
      " a Unicode font.\n  'Custom_fonts_path' is a text (path or void) to the TTF file of your choice, to create the" +
      " PDF with it. Be aware the PDF won't support bold/italic/special style anymore with this option ",
    references: ['https://acrobat.adobe.com/us/en/acrobat/about-adobe-pdf.html'],
    input: 'MISP Event',
    output: 'MISP Event in a PDF file.',
  },
  config: {
    MISP_base_url_for_dynamic_link: { description: 'Your MISP URL: the title links to the event on it. Empty for no link.' },
    MISP_name_for_metadata: { description: 'Your CERT or MISP instance name, written as the PDF author.' },
    Activate_textual_description: { description: '"True" to add a textual summary of the event.' },
    Activate_galaxy_description: { description: '"True" to print the descriptions of galaxies and clusters.' },
    Activate_related_events: { description: '"True" to list related events (may leak confidential event titles).' },
    Activate_internationalization_fonts: { description: 'Accepted for compatibility; text is always set in a Unicode font.' },
    Custom_fonts_path: { description: 'Path of a TrueType font file to set all text in.' },
  },
  messages: EVENTS_MESSAGES,
  attributes: { responseType: 'application/pdf', outputFileExtension: 'pdf' },
  async handle(query, ctx) {
    const events = exportEvents(query);
    const options = pdfOptions(ctx.config);
    const report: PdfReport = { options, events: events.map((event) => eventModel(event, options)) };
    const pdf = await ctx.workers.run<PdfReport, Uint8Array>(TASK, report);
    return exportResult(pdf);
  },
});
