//! The rubric on top of the page: the total and level, a bar per criterion, and where
//! the next points are (the same cut as `casekit score`: the top five worth a tenth).

use crate::sanitize::escape;
use casekit_core::rubric::{Level, Scorecard};
use std::fmt::Write;

fn level_class(l: Level) -> &'static str {
    match l {
        Level::Excellent => "excellent",
        Level::Acceptable => "acceptable",
        Level::NeedsWork => "needs-work",
    }
}

pub fn render(out: &mut String, card: &Scorecard) {
    let _ = write!(
        out,
        "<section class=\"scorecard\" aria-label=\"Scorecard\"><p class=\"total {}\">\
         <span class=\"score\" data-total=\"{:.1}\">{:.1}</span> / 100 <span class=\"level\">{}</span></p><table class=\"criteria\">",
        level_class(card.level),
        card.total,
        card.total,
        card.level.label()
    );
    for c in &card.criteria {
        // A bar drawn with presentation attributes: the policy allows no inline style.
        let width = c.score.clamp(0.0, 100.0);
        let _ = write!(
            out,
            "<tr class=\"criterion {}\" data-id=\"{}\"><th scope=\"row\">{}</th><td class=\"weight\">{:.0} %</td>\
             <td class=\"bar\"><svg viewBox=\"0 0 100 6\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"{:.1} of 100\">\
             <rect class=\"track\" width=\"100\" height=\"6\" rx=\"3\"></rect><rect class=\"fill\" width=\"{width:.1}\" height=\"6\" rx=\"3\"></rect></svg></td>\
             <td class=\"value\">{:.1}</td><td class=\"level\">{}</td></tr>",
            level_class(c.level),
            escape(&c.id),
            escape(&c.name),
            c.weight,
            c.score,
            c.score,
            c.level.label()
        );
    }
    out.push_str("</table>");
    let top: Vec<_> = card.advice().take(5).collect();
    if !top.is_empty() {
        out.push_str("<div class=\"invest\"><h2>Where to invest your time</h2><ol>");
        for i in top {
            let target = if casekit_core::rules::find(&i.rule).is_some() {
                format!("<a href=\"#rule-{0}\">{0}</a>", escape(&i.rule))
            } else {
                format!("<span>{}</span>", escape(&i.rule))
            };
            let _ = write!(
                out,
                "<li><span class=\"gain\">+{:.1}</span> {target} {}</li>",
                i.gain,
                escape(&i.message)
            );
        }
        out.push_str("</ol></div>");
    }
    out.push_str("</section>");
}
