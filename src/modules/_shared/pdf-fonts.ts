/**
 * The fonts the PDF is set in. PDF's standard fonts only know Latin-1, so a
 * Unicode TrueType font is preferred: DejaVu (Debian's fonts-dejavu-core)
 * when installed, else Liberation Sans, which ships with pdfjs-dist (already
 * a dependency). Code uses DejaVu Sans Mono when installed, else Courier.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface FontSet {
  regular: string;
  bold: string;
  italic: string;
  boldItalic: string;
  mono: string;
  monoBold: string;
  /** False when a face is a standard PDF font: text must be Latin-1 (WinAnsi). */
  unicodeText: boolean;
  unicodeMono: boolean;
}

const DEJAVU = '/usr/share/fonts/truetype/dejavu';

function firstExisting(paths: string[]): string | undefined {
  return paths.find((p) => existsSync(p));
}

function liberationDir(): string | undefined {
  try {
    const pkg = createRequire(import.meta.url).resolve('pdfjs-dist/package.json');
    const dir = join(dirname(pkg), 'standard_fonts');
    return existsSync(join(dir, 'LiberationSans-Regular.ttf')) ? dir : undefined;
  } catch {
    return undefined;
  }
}

export function resolveFonts(): FontSet {
  const dejavu = firstExisting([join(DEJAVU, 'DejaVuSans.ttf')]) ? DEJAVU : undefined;
  const liberation = dejavu ? undefined : liberationDir();
  const text = dejavu
    ? {
        regular: join(dejavu, 'DejaVuSans.ttf'),
        bold: join(dejavu, 'DejaVuSans-Bold.ttf'),
        italic: join(dejavu, 'DejaVuSans-Oblique.ttf'),
        boldItalic: join(dejavu, 'DejaVuSans-BoldOblique.ttf'),
        unicodeText: true,
      }
    : liberation
      ? {
          regular: join(liberation, 'LiberationSans-Regular.ttf'),
          bold: join(liberation, 'LiberationSans-Bold.ttf'),
          italic: join(liberation, 'LiberationSans-Italic.ttf'),
          boldItalic: join(liberation, 'LiberationSans-BoldItalic.ttf'),
          unicodeText: true,
        }
      : { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique', boldItalic: 'Helvetica-BoldOblique', unicodeText: false };
  const mono = firstExisting([join(DEJAVU, 'DejaVuSansMono.ttf')]);
  const monoBold = firstExisting([join(DEJAVU, 'DejaVuSansMono-Bold.ttf')]);
  return {
    ...text,
    mono: mono ?? 'Courier',
    monoBold: mono && monoBold ? monoBold : 'Courier-Bold',
    unicodeMono: Boolean(mono && monoBold),
  };
}

/** Latin-1 only, for the standard fonts (anything else would print as garbage). */
export function latin1(text: string): string {
  return text.replace(/[^\t\n\r\x20-\x7e\xa0-\xff]/g, '?');
}
