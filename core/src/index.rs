//! Maps from ids to positions, for the wallet's and the charges' records: a fast
//! non-cryptographic hash, the index type, and the set of ids one event names.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FxHash (the hasher rustc uses) with a finaliser: a fast non-cryptographic hash for the wallet's id
/// indexes. Ids come from the app and the issuer, not from an adversary on the wire, so
/// SipHash's flooding resistance is not worth its cost on every payment.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

impl FxHasher {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(Self::SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            for (slot, b) in word.iter_mut().zip(rest) {
                *slot = *b;
            }
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    /// Mixes the state (murmur3's finaliser), so the bits a hash table indexes by
    /// depend on every byte: ids that differ only in their last digits would otherwise
    /// share their low bits.
    fn finish(&self) -> u64 {
        let mut h = self.hash;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// An index from ids to positions.
pub(crate) type Index = HashMap<String, usize, BuildHasherDefault<FxHasher>>;

/// Where each id is in a list being built, found in time linear in the list: a scan of
/// the first few (no allocation: a change touches one to a few programs), then an
/// [`Index`].
pub(crate) struct Positions<'a> {
    few: [&'a str; 8],
    len: usize,
    many: Option<Index>,
}

impl<'a> Positions<'a> {
    pub(crate) fn new() -> Positions<'a> {
        Positions {
            few: [""; 8],
            len: 0,
            many: None,
        }
    }

    /// The position of `id`, when it was pushed.
    pub(crate) fn get(&self, id: &str) -> Option<usize> {
        match &self.many {
            Some(many) => many.get(id).copied(),
            None => self
                .few
                .get(..self.len)
                .unwrap_or_default()
                .iter()
                .position(|seen| *seen == id),
        }
    }

    /// Adds `id`, not pushed before, at the next position, and answers that position.
    pub(crate) fn push(&mut self, id: &'a str) -> usize {
        let at = self.len;
        self.len = self.len.saturating_add(1);
        if let Some(slot) = self.few.get_mut(at) {
            *slot = id;
            return at;
        }
        let many = self.many.get_or_insert_with(|| {
            let mut many = Index::default();
            for (at, seen) in self.few.iter().enumerate() {
                many.insert((*seen).to_owned(), at);
            }
            many
        });
        many.insert(id.to_owned(), at);
        at
    }
}

/// The ids one event has named so far, to find one named twice in time linear in the
/// event's size: a scan of the first few (no allocation: most events name one to a
/// few), then an [`Index`] used as a set.
pub(crate) struct Seen<'a> {
    few: [&'a str; 8],
    len: usize,
    many: Option<Index>,
}

impl<'a> Seen<'a> {
    pub(crate) fn new() -> Seen<'a> {
        Seen {
            few: [""; 8],
            len: 0,
            many: None,
        }
    }

    /// How many ids were added.
    pub(crate) fn count(&self) -> usize {
        self.many.as_ref().map_or(self.len, HashMap::len)
    }

    /// Adds `id`: false when it was there already.
    pub(crate) fn first_time(&mut self, id: &'a str) -> bool {
        if let Some(many) = &mut self.many {
            return many.insert(id.to_owned(), 0).is_none();
        }
        let few = self.few.get(..self.len).unwrap_or_default();
        if few.contains(&id) {
            return false;
        }
        if let Some(slot) = self.few.get_mut(self.len) {
            *slot = id;
            self.len = self.len.saturating_add(1);
            return true;
        }
        let mut many = Index::default();
        for seen in self.few.iter().chain([&id]) {
            many.insert((*seen).to_owned(), 0);
        }
        self.many = Some(many);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_found_among_a_few_and_through_the_index_beyond() {
        let ids: Vec<String> = (0..20).map(|i| format!("p{i}")).collect();
        let mut positions = Positions::new();
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(positions.get(id), None);
            assert_eq!(positions.push(id), i);
            // Every id pushed so far, before and after the switch to the index (at 9).
            for (j, earlier) in ids.iter().take(i + 1).enumerate() {
                assert_eq!(positions.get(earlier), Some(j));
            }
        }
        assert_eq!(positions.get("p20"), None);
        assert_eq!(positions.get(""), None);
    }
}
