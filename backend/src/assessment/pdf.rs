//! Her validated portfolio as a PDF (A4, Italian or English): who she is, who validated it,
//! and each competence strongest first with its level, how it shows at work and its ESCO
//! concept. The font (DejaVu Sans) is embedded and subset with a ToUnicode map, so the text can
//! be searched, copied and read aloud; the document carries its title and language.

use std::sync::LazyLock;

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, TextDirection};
use shared::{Language, Portfolio};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};

use super::portfolio::level_label;
use crate::error::ApiError;

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// The two faces, read once (reading hashes the whole file; cloning is cheap).
static FONTS: LazyLock<Option<(Font, Font)>> =
    LazyLock::new(|| Some((Font::new(REGULAR.into(), 0)?, Font::new(BOLD.into(), 0)?)));

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 56.0;
const TEXT_W: f32 = PAGE_W - 2.0 * MARGIN;
const FOOTER_Y: f32 = PAGE_H - 32.0;
const BOTTOM: f32 = PAGE_H - 64.0;

#[derive(Clone, Copy, PartialEq)]
enum Face {
    Regular,
    Bold,
}

#[derive(Clone, Copy)]
enum Tone {
    Text,
    Muted,
    Accent,
}

impl Tone {
    fn color(self) -> rgb::Color {
        match self {
            Tone::Text => rgb::Color::new(0x21, 0x25, 0x29),
            Tone::Muted => rgb::Color::new(0x49, 0x50, 0x57),
            Tone::Accent => rgb::Color::new(0x0b, 0x5e, 0xa8),
        }
    }
}

/// One line of text placed on a page (y is its baseline).
struct Line {
    x: f32,
    y: f32,
    size: f32,
    face: Face,
    tone: Tone,
    text: String,
}

/// What is drawn on a page: lines and horizontal rules.
#[derive(Default)]
struct Page {
    lines: Vec<Line>,
    rules: Vec<f32>,
}

/// The width of `text` at `size` points, from the font's advances.
fn width(face: Face, size: f32, text: &str) -> f32 {
    let Ok(font) = skrifa::FontRef::new(match face {
        Face::Regular => REGULAR,
        Face::Bold => BOLD,
    }) else {
        return 0.0;
    };
    let charmap = font.charmap();
    let metrics = font.glyph_metrics(Size::new(size), LocationRef::default());
    text.chars()
        .map(|c| {
            charmap
                .map(c)
                .and_then(|g| metrics.advance_width(g))
                .unwrap_or(size * 0.6)
        })
        .sum()
}

/// Breaks `text` into lines no wider than `max` (a word longer than a line stands alone).
fn wrap(face: Face, size: f32, text: &str, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_owned()
        } else {
            format!("{current} {word}")
        };
        if current.is_empty() || width(face, size, &candidate) <= max {
            current = candidate;
        } else {
            lines.push(std::mem::replace(&mut current, word.to_owned()));
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// Lays out text top to bottom, starting a new page when the next block does not fit.
struct Layout {
    pages: Vec<Page>,
    y: f32,
}

impl Layout {
    fn new() -> Self {
        Layout {
            pages: vec![Page::default()],
            y: MARGIN,
        }
    }

    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Makes room for `height` points, on a new page when needed.
    fn ensure(&mut self, height: f32) {
        if self.y + height > BOTTOM {
            self.pages.push(Page::default());
            self.y = MARGIN;
        }
    }

    fn paragraph(&mut self, face: Face, size: f32, tone: Tone, text: &str, space_after: f32) {
        let leading = size * 1.35;
        for line in wrap(face, size, text, TEXT_W) {
            self.ensure(leading);
            self.y += leading;
            let y = self.y;
            self.page().lines.push(Line {
                x: MARGIN,
                y,
                size,
                face,
                tone,
                text: line,
            });
        }
        self.y += space_after;
    }

    fn rule(&mut self) {
        self.ensure(12.0);
        self.y += 6.0;
        let y = self.y;
        self.page().rules.push(y);
        self.y += 6.0;
    }
}

fn date(p: &Portfolio, lang: Language) -> String {
    let d = p.validated_at.date_naive();
    match lang {
        Language::It => d.format("%d/%m/%Y").to_string(),
        Language::En => d.format("%-d %B %Y").to_string(),
    }
}

/// The portfolio as a PDF in `lang`.
pub fn render(p: &Portfolio, lang: Language) -> Result<Vec<u8>, ApiError> {
    let it = lang == Language::It;
    let title = if it {
        "Portfolio delle competenze"
    } else {
        "Competence portfolio"
    };
    let mut layout = Layout::new();
    layout.paragraph(Face::Bold, 22.0, Tone::Accent, title, 4.0);
    layout.paragraph(Face::Bold, 15.0, Tone::Text, &p.holder_name, 2.0);
    layout.paragraph(
        Face::Regular,
        10.5,
        Tone::Muted,
        &if it {
            format!(
                "{} · validato da {} ({}) il {}",
                p.instrument_title.get(lang),
                p.validated_by_name,
                p.agency_name,
                date(p, lang)
            )
        } else {
            format!(
                "{} · validated by {} ({}) on {}",
                p.instrument_title.get(lang),
                p.validated_by_name,
                p.agency_name,
                date(p, lang)
            )
        },
        6.0,
    );
    layout.paragraph(
        Face::Regular,
        10.5,
        Tone::Text,
        if it {
            "Competenze trasversali sviluppate anche nella cura della famiglia, riconosciute \
             insieme a una consulente del servizio per il lavoro. Ogni competenza rimanda al suo \
             gruppo di competenze trasversali nella classificazione europea ESCO."
        } else {
            "Transversal competences developed also in caring for a family, recognised together \
             with an employment counsellor. Each competence refers to its transversal skill \
             group in the European ESCO classification."
        },
        4.0,
    );
    for c in &p.competences {
        layout.rule();
        // Keep a competence's heading with at least its first lines.
        layout.ensure(60.0);
        layout.paragraph(
            Face::Bold,
            13.0,
            Tone::Text,
            &format!("{} — {}", c.name.get(lang), level_label(c.level, lang)),
            2.0,
        );
        layout.paragraph(Face::Regular, 10.5, Tone::Text, c.at_work.get(lang), 2.0);
        layout.paragraph(
            Face::Regular,
            8.5,
            Tone::Muted,
            &format!("ESCO {} · {}", c.esco_code, c.esco_uri),
            0.0,
        );
    }

    let Some((regular, bold)) = FONTS.clone() else {
        return Err(ApiError::Internal(anyhow::anyhow!(
            "the embedded font cannot be read"
        )));
    };
    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new()
            .title(format!("{title} — {}", p.holder_name))
            .language(lang.code().to_owned())
            .creator("Sinergia".to_owned())
            .authors(vec![p.agency_name.clone()]),
    );
    let count = layout.pages.len();
    for (n, page) in layout.pages.iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
            .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("page size")))?;
        let mut pdf_page = doc.start_page_with(settings);
        let mut surface = pdf_page.surface();
        for y in &page.rules {
            let mut path = PathBuilder::new();
            if let Some(rect) = krilla::geom::Rect::from_xywh(MARGIN, *y, TEXT_W, 0.75) {
                path.push_rect(rect);
            }
            if let Some(path) = path.finish() {
                surface.set_fill(Some(fill(rgb::Color::new(0xce, 0xd4, 0xda))));
                surface.draw_path(&path);
            }
        }
        let footer = Line {
            x: MARGIN,
            y: FOOTER_Y,
            size: 8.5,
            face: Face::Regular,
            tone: Tone::Muted,
            text: format!(
                "Sinergia · {} · {} {}/{count}",
                p.agency_name,
                if it { "pagina" } else { "page" },
                n + 1
            ),
        };
        for line in page.lines.iter().chain(std::iter::once(&footer)) {
            surface.set_fill(Some(fill(line.tone.color())));
            surface.draw_text(
                Point::from_xy(line.x, line.y),
                if line.face == Face::Bold {
                    bold.clone()
                } else {
                    regular.clone()
                },
                line.size,
                &line.text,
                false,
                TextDirection::Auto,
            );
        }
        surface.finish();
        pdf_page.finish();
    }
    doc.finish()
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("PDF: {e:?}")))
}

fn fill(color: rgb::Color) -> Fill {
    Fill {
        paint: color.into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

    use super::*;

    #[test]
    fn wrapping_keeps_every_word_in_order_and_within_the_width() {
        let text = "Organizza la settimana di una famiglia: turni, visite, scuola, spesa e \
                    imprevisti, e tiene tutti informati senza perdere nulla.";
        let lines = wrap(Face::Regular, 10.5, text, 200.0);
        assert!(lines.len() > 1);
        assert_eq!(
            lines.join(" "),
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        for l in &lines {
            assert!(width(Face::Regular, 10.5, l) <= 200.0, "{l}");
        }
        assert!(width(Face::Bold, 10.0, "mm") > width(Face::Regular, 10.0, "ii"));
    }
}

#[cfg(test)]
mod render_tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

    use shared::{Level, LocalizedText, PortfolioCompetence};

    use super::*;

    fn text(s: &str) -> LocalizedText {
        LocalizedText {
            it: s.to_owned(),
            en: s.to_owned(),
        }
    }

    #[test]
    fn a_long_portfolio_flows_onto_further_pages() {
        let c = PortfolioCompetence {
            code: "time_management".into(),
            name: text("Gestione del tempo e organizzazione"),
            at_work: text(&"Pianifica turni e scadenze, tiene insieme impegni diversi. ".repeat(6)),
            level: Level::Strong,
            esco_code: "T2.2".into(),
            esco_uri: "http://data.europa.eu/esco/skill/xyz".into(),
        };
        let p = Portfolio {
            attempt_id: uuid::Uuid::nil(),
            holder_name: "Giulia Rossi".into(),
            agency_name: "Agenzia per il lavoro di Milano".into(),
            instrument_title: text("Le competenze della cura"),
            validated_at: chrono::Utc::now(),
            validated_by_name: "Chiara Ferrari".into(),
            competences: vec![c; 15],
        };
        let bytes = render(&p, Language::It).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
        if let Ok(path) = std::env::var("SINERGIA_PDF_SAMPLE") {
            std::fs::write(path, &bytes).unwrap();
        }
        let count = |pattern: &[u8]| {
            bytes
                .windows(pattern.len())
                .filter(|w| *w == pattern)
                .count()
        };
        let pages = count(b"/Type/Page") - count(b"/Type/Pages");
        assert!(pages >= 2, "{pages}");
    }
}
