//! The one way a command writes to standard output outside the streamed check/score
//! loops: buffered, with every write error returned rather than panicking, so a reader
//! that stops early (`casekit rules | head -1`) ends the command quietly (`main` treats a
//! broken pipe as success).

use std::io::{self, Write};

/// Runs `f` over a buffered, locked stdout and flushes it; the first write error
/// (a closed pipe among them) is returned.
pub fn with(f: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    f(&mut out)?;
    out.flush()
}

/// Writes `bytes` to stdout; see [`with`].
pub fn write(bytes: impl AsRef<[u8]>) -> io::Result<()> {
    with(|out| out.write_all(bytes.as_ref()))
}
