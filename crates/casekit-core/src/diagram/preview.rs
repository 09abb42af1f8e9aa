//! Terminal drawings of diagrams (Unicode box drawing), behind the `preview` feature
//! because the renderer and its layout engine add build time and size.

use super::{Diagram, Model};
use crate::document::Document;
use merman::ascii::AsciiRenderOptions;
use merman::{AsciiRequest, OperationControl, RenderOutput, RenderRequest, Renderer};
use std::sync::LazyLock;

static RENDERER: LazyLock<Renderer> =
    LazyLock::new(|| Renderer::new().with_engine(super::ENGINE.clone()));

/// A Unicode drawing of `diagram`, or `None` when the renderer cannot draw it (some
/// flowchart routes, ER attributes, types casekit does not read) or the diagram does not
/// parse; callers then print [`Model::outline`].
pub fn preview(doc: &Document, diagram: &Diagram) -> Option<String> {
    match &diagram.parse {
        Ok(Model::Unread) | Err(_) => return None,
        // The renderer prints attribute rows in a debugging notation; the outline reads better.
        Ok(Model::Er(er)) if er.entities.iter().any(|e| !e.attributes.is_empty()) => return None,
        Ok(_) => {}
    }
    let (text, _) = super::block_text(doc, &doc.code_blocks[code_block_index(doc, diagram)?]);
    let request = AsciiRequest {
        options: AsciiRenderOptions::default(),
        ..AsciiRequest::default()
    };
    let out = RENDERER
        .render(RenderRequest::ascii(
            &text,
            OperationControl::new(),
            request,
        ))
        .ok()?;
    match out {
        RenderOutput::Ascii(Some(a)) if !a.text.trim().is_empty() => Some(a.text),
        _ => None,
    }
}

fn code_block_index(doc: &Document, diagram: &Diagram) -> Option<usize> {
    doc.code_blocks.iter().position(|c| c.span == diagram.span)
}
