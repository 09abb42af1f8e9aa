//! Parallel work, results in input order, bounded memory.
//!
//! `casekit check` over a folder of thousands of documents must print each file's
//! findings in the order the files were given (so output is deterministic), use every
//! core, and not hold every document in memory until the end. [`for_each_ordered`] runs
//! the work on rayon's pool and hands each result to the caller as soon as it and all
//! earlier ones are done; workers never run more than `window` items ahead of the
//! caller, so at most `window` results wait at any time. The caller can stop early
//! (output closed): items not yet started are then skipped.

use rayon::iter::{ParallelBridge, ParallelIterator};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Condvar, Mutex};

/// How far workers may run ahead of the consumer: the index of the first item not yet
/// consumed plus the window.
struct Gate {
    limit: Mutex<usize>,
    moved: Condvar,
}

impl Gate {
    fn wait_for(&self, index: usize) {
        let mut limit = self.limit.lock().unwrap_or_else(|e| e.into_inner());
        while index >= *limit {
            limit = self.moved.wait(limit).unwrap_or_else(|e| e.into_inner());
        }
    }
    fn set(&self, limit: usize) {
        *self.limit.lock().unwrap_or_else(|e| e.into_inner()) = limit;
        self.moved.notify_all();
    }
}

/// Opens the gate for good when the consumer stops, normally or by unwinding, so no
/// worker waits forever.
struct OpenOnDrop<'a>(&'a Gate);

impl Drop for OpenOnDrop<'_> {
    fn drop(&mut self) {
        self.0.set(usize::MAX);
    }
}

/// Runs `work` on every item in parallel and calls `consume` with the results in the
/// items' order, until `consume` returns false. A panic in `work` is raised again on
/// the caller's thread.
pub fn for_each_ordered<T, R>(
    items: Vec<T>,
    window: usize,
    work: impl Fn(T) -> R + Sync,
    mut consume: impl FnMut(R) -> bool,
) where
    T: Send,
    R: Send,
{
    let window = window.max(1);
    let gate = Gate {
        limit: Mutex::new(window),
        moved: Condvar::new(),
    };
    let stopped = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel::<(usize, std::thread::Result<R>)>();
    std::thread::scope(|scope| {
        let gate = &gate;
        let work = &work;
        let stopped = &stopped;
        scope.spawn(move || {
            items
                .into_iter()
                .enumerate()
                .inspect(|(i, _)| gate.wait_for(*i))
                .take_while(|_| !stopped.load(Ordering::Relaxed))
                .par_bridge()
                .for_each_with(tx, |tx, (i, item)| {
                    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(item)));
                    // The consumer is gone only when it is unwinding; nothing to do then.
                    let _ = tx.send((i, r));
                });
        });
        let _open = OpenOnDrop(gate);
        let mut waiting: BTreeMap<usize, std::thread::Result<R>> = BTreeMap::new();
        let mut next = 0;
        'receive: for (i, r) in rx {
            waiting.insert(i, r);
            while let Some(r) = waiting.remove(&next) {
                next += 1;
                gate.set(next + window);
                let go_on = match r {
                    Ok(r) => consume(r),
                    Err(panic) => std::panic::resume_unwind(panic),
                };
                if !go_on {
                    stopped.store(true, Ordering::Relaxed);
                    break 'receive;
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::for_each_ordered;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn results_come_in_input_order_and_workers_stay_within_the_window() {
        let done = AtomicUsize::new(0);
        let mut seen = Vec::new();
        let items: Vec<usize> = (0..500).collect();
        for_each_ordered(
            items,
            8,
            |i| {
                // Uneven work, so items finish out of order.
                if i % 7 == 0 {
                    std::thread::sleep(std::time::Duration::from_micros(300));
                }
                done.fetch_add(1, Ordering::SeqCst);
                i * 2
            },
            |r| {
                // Nothing more than the window past what has been consumed has finished.
                assert!(done.load(Ordering::SeqCst) <= seen.len() + 1 + 8);
                seen.push(r);
                true
            },
        );
        assert_eq!(seen, (0..500).map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn stopping_early_skips_the_rest() {
        let done = AtomicUsize::new(0);
        let mut seen = 0;
        for_each_ordered(
            (0..10_000).collect(),
            4,
            |i: usize| {
                done.fetch_add(1, Ordering::SeqCst);
                i
            },
            |_| {
                seen += 1;
                seen < 10
            },
        );
        assert_eq!(seen, 10);
        // Only what was in flight when the consumer stopped was done besides.
        assert!(done.load(Ordering::SeqCst) < 100);
    }

    #[test]
    fn a_panic_in_the_work_reaches_the_caller() {
        let r = std::panic::catch_unwind(|| {
            for_each_ordered((0..50).collect(), 4, |i: usize| assert!(i != 20), |_| true);
        });
        assert!(r.is_err());
    }
}
