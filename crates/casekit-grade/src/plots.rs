//! The dashboard's plots, drawn with plotters as inline SVG (nothing fetched, no script).

use casekit_report::escape;
use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;

const BAR: RGBColor = RGBColor(59, 110, 165);
const ACCEPTABLE: RGBColor = RGBColor(196, 132, 0);
const EXCELLENT: RGBColor = RGBColor(30, 135, 60);
const INK: RGBColor = RGBColor(60, 60, 60);

/// A line across a histogram with its label (a level threshold).
pub struct Marker {
    pub at: f64,
    pub label: String,
    excellent: bool,
}

impl Marker {
    pub fn acceptable(at: f64) -> Marker {
        Marker {
            at,
            label: format!("Acceptable ≥ {at}"),
            excellent: false,
        }
    }
    pub fn excellent(at: f64) -> Marker {
        Marker {
            at,
            label: format!("Excellent ≥ {at}"),
            excellent: true,
        }
    }
}

/// How many of `values` (scores out of 100) fall in each tenth: [0,10), …, [90,100].
pub fn bins(values: &[f64]) -> [u32; 10] {
    let mut b = [0u32; 10];
    for v in values {
        let i = ((v / 10.0).floor().max(0.0) as usize).min(9);
        b[i] += 1;
    }
    b
}

/// A histogram of scores out of 100, with the level thresholds drawn across it.
pub fn histogram(title: &str, values: &[f64], markers: &[Marker], size: (u32, u32)) -> String {
    let counts = bins(values);
    let top = counts.iter().copied().max().unwrap_or(0).max(1);
    let mut svg = String::new();
    let drawn =
        (|| -> Result<(), Box<dyn std::error::Error + '_>> {
            let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
            let mut chart = ChartBuilder::on(&root)
                .caption(title, ("sans-serif", 16).into_font().color(&INK))
                .margin(8)
                .x_label_area_size(42)
                .y_label_area_size(36)
                .build_cartesian_2d(0f64..100f64, 0u32..(top + top / 5 + 1))?;
            chart
                .configure_mesh()
                .disable_x_mesh()
                .max_light_lines(1)
                .x_labels(11)
                .y_labels(5)
                .x_desc("score")
                .y_desc("documents")
                .label_style(("sans-serif", 12).into_font().color(&INK))
                .x_label_formatter(&|x| format!("{x:.0}"))
                .draw()?;
            chart.draw_series(counts.iter().enumerate().filter(|(_, &n)| n > 0).map(
                |(i, &n)| {
                    let lo = i as f64 * 10.0;
                    Rectangle::new([(lo + 0.8, 0), (lo + 9.2, n)], BAR.filled())
                },
            ))?;
            for m in markers {
                let colour = if m.excellent { EXCELLENT } else { ACCEPTABLE };
                chart.draw_series(std::iter::once(PathElement::new(
                    vec![(m.at, 0), (m.at, top + top / 5 + 1)],
                    colour.stroke_width(2),
                )))?;
                chart.draw_series(std::iter::once(Text::new(
                    m.label.clone(),
                    (m.at + 0.8, top + top / 5),
                    ("sans-serif", 12).into_font().color(&colour),
                )))?;
            }
            root.present()?;
            Ok(())
        })();
    finish(svg, drawn.is_ok(), &describe_bins(title, &counts))
}

/// Horizontal bars, one per label, longest first as given; `note` is written after each.
pub fn bars(title: &str, items: &[(String, f64, String)], size: (u32, u32)) -> String {
    let n = items.len();
    let top = items.iter().map(|i| i.1).fold(0.0, f64::max).max(1.0);
    let mut svg = String::new();
    let drawn = (|| -> Result<(), Box<dyn std::error::Error + '_>> {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 16).into_font().color(&INK))
            .margin(8)
            .x_label_area_size(42)
            .y_label_area_size(130)
            .build_cartesian_2d(0f64..(top * 1.35), (0..n).into_segmented())?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .max_light_lines(1)
            .y_labels(n.max(1))
            .x_desc("documents")
            .label_style(("sans-serif", 12).into_font().color(&INK))
            // The first item is drawn at the top: row i of the chart is item n-1-i.
            .y_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) | SegmentValue::Exact(i) => n
                    .checked_sub(1 + *i)
                    .and_then(|k| items.get(k))
                    .map(|it| it.0.clone())
                    .unwrap_or_default(),
                SegmentValue::Last => String::new(),
            })
            .x_label_formatter(&|x| format!("{x:.0}"))
            .draw()?;
        // Rectangles drawn one by one, in the items' order: plotters' histogram sums its
        // data in a hash map, which drew the bars in a new order on every run.
        chart.draw_series(items.iter().enumerate().map(|(k, it)| {
            let row = n - 1 - k;
            let mut bar = Rectangle::new(
                [
                    (it.1, SegmentValue::Exact(row)),
                    (0.0, SegmentValue::Exact(row + 1)),
                ],
                BAR.filled(),
            );
            bar.set_margin(4, 4, 0, 0);
            bar
        }))?;
        chart.draw_series(items.iter().enumerate().map(|(k, it)| {
            Text::new(
                it.2.clone(),
                (it.1 + top * 0.02, SegmentValue::CenterOf(n - 1 - k)),
                ("sans-serif", 12).into_font().color(&INK),
            )
        }))?;
        root.present()?;
        Ok(())
    })();
    let text = items
        .iter()
        .map(|i| format!("{}: {}", i.0, i.2))
        .collect::<Vec<_>>()
        .join("; ");
    finish(svg, drawn.is_ok(), &format!("{title}. {text}"))
}

fn describe_bins(title: &str, counts: &[u32; 10]) -> String {
    let parts: Vec<String> = counts
        .iter()
        .enumerate()
        .filter(|(_, &n)| n > 0)
        .map(|(i, n)| format!("{}–{}: {n}", i * 10, i * 10 + 10))
        .collect();
    format!("{title}. {}", parts.join(", "))
}

/// The SVG with a role and a text description for screen readers; a note if plotters
/// failed (it only fails on a drawing bug, never on the data).
fn finish(svg: String, drawn: bool, label: &str) -> String {
    if !drawn || !svg.contains("<svg") {
        return format!("<p class=\"plot-failed\">{}</p>", escape(label));
    }
    svg.replacen(
        "<svg ",
        &format!("<svg role=\"img\" aria-label=\"{}\" ", escape(label)),
        1,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bins_put_each_score_in_its_tenth() {
        assert_eq!(
            bins(&[0.0, 9.9, 10.0, 55.5, 99.0, 100.0]),
            [2, 1, 0, 0, 0, 1, 0, 0, 0, 2]
        );
    }

    #[test]
    fn histogram_is_an_svg_with_a_bar_per_filled_bin_and_the_thresholds() {
        let svg = histogram(
            "Totals",
            &[12.0, 15.0, 64.0, 81.0],
            &[Marker::acceptable(62.5), Marker::excellent(80.0)],
            (600, 300),
        );
        assert!(svg.starts_with("<svg role=\"img\""), "{svg}");
        assert!(svg.contains("aria-label=\"Totals. 10–20: 2, 60–70: 1, 80–90: 1\""));
        assert!(svg.contains("Acceptable ≥ 62.5") && svg.contains("Excellent ≥ 80"));
        // Bars are the only filled rectangles in the bar colour.
        let bars = svg.matches("<rect").count();
        assert!(bars >= 3, "{bars} rects");
    }

    #[test]
    fn bars_label_every_item_without_overflow() {
        let items: Vec<(String, f64, String)> = (0..5)
            .map(|i| (format!("R{i}"), 5.0 - i as f64, format!("{i} pts")))
            .collect();
        let svg = bars("Teach next", &items, (600, 300));
        assert!(svg.contains("<svg role=\"img\""));
        for i in 0..5 {
            assert!(svg.contains(&format!("\nR{i}\n")), "label R{i} in {svg}");
            assert!(svg.contains(&format!("{i} pts")));
        }
        // An empty list still draws (an empty chart), never panics.
        assert!(bars("none", &[], (300, 100)).contains("<svg"));
    }
}
