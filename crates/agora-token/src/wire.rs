//! The packing primitives shared by every token family: little-endian integers and
//! strings with a u16 length prefix. Lengths are checked, never silently wrapped.

use std::collections::BTreeMap;

use crate::error::{Error, Result};

/// Appends wire values to a byte buffer.
#[derive(Debug, Default)]
pub(crate) struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Writer { buf: Vec::with_capacity(capacity) }
    }

    /// Continues writing after bytes already in `buf`.
    pub(crate) fn from_vec(buf: Vec<u8>) -> Self {
        Writer { buf }
    }

    pub(crate) fn into_inner(self) -> Vec<u8> {
        self.buf
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.buf.len()
    }

    pub(crate) fn u16(&mut self, value: u16) {
        self.buf.extend_from_slice(&value.to_le_bytes());
    }

    pub(crate) fn u32(&mut self, value: u32) {
        self.buf.extend_from_slice(&value.to_le_bytes());
    }

    pub(crate) fn i16(&mut self, value: i16) {
        self.buf.extend_from_slice(&value.to_le_bytes());
    }

    /// A u16 count of a list or map.
    pub(crate) fn count(&mut self, what: &'static str, count: usize) -> Result<()> {
        let count16 = u16::try_from(count).map_err(|_| Error::TooManyEntries { what, count })?;
        self.u16(count16);
        Ok(())
    }

    /// A u16 byte length followed by the bytes.
    pub(crate) fn bytes(&mut self, field: &'static str, value: &[u8]) -> Result<()> {
        let len = u16::try_from(value.len()).map_err(|_| Error::FieldTooLong { field, len: value.len() })?;
        self.u16(len);
        self.buf.extend_from_slice(value);
        Ok(())
    }

    pub(crate) fn string(&mut self, field: &'static str, value: &str) -> Result<()> {
        self.bytes(field, value.as_bytes())
    }

    /// A `map<u16, u32>` in ascending key order (the BTreeMap's order).
    pub(crate) fn u32_map(&mut self, what: &'static str, map: &BTreeMap<u16, u32>) -> Result<()> {
        self.count(what, map.len())?;
        for (&key, &value) in map {
            self.u16(key);
            self.u32(value);
        }
        Ok(())
    }
}

/// Reads wire values from a byte slice; every read names the field it reads so a
/// truncated payload gives an error that says where it stopped.
#[derive(Debug)]
pub(crate) struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(crate) fn new(data: &'a [u8]) -> Self {
        Reader { rest: data }
    }

    pub(crate) fn remaining(&self) -> &'a [u8] {
        self.rest
    }

    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    fn take(&mut self, field: &'static str, n: usize) -> Result<&'a [u8]> {
        if self.rest.len() < n {
            return Err(Error::Truncated { field });
        }
        let (head, tail) = self.rest.split_at(n);
        self.rest = tail;
        Ok(head)
    }

    fn array<const N: usize>(&mut self, field: &'static str) -> Result<[u8; N]> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(field, N)?);
        Ok(out)
    }

    pub(crate) fn u16(&mut self, field: &'static str) -> Result<u16> {
        Ok(u16::from_le_bytes(self.array(field)?))
    }

    pub(crate) fn u32(&mut self, field: &'static str) -> Result<u32> {
        Ok(u32::from_le_bytes(self.array(field)?))
    }

    pub(crate) fn i16(&mut self, field: &'static str) -> Result<i16> {
        Ok(i16::from_le_bytes(self.array(field)?))
    }

    pub(crate) fn bytes(&mut self, field: &'static str) -> Result<&'a [u8]> {
        let len = self.u16(field)?;
        self.take(field, usize::from(len))
    }

    pub(crate) fn string(&mut self, field: &'static str) -> Result<String> {
        let bytes = self.bytes(field)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| Error::InvalidUtf8 { field })
    }

    /// A `map<u16, u32>`; a repeated key keeps the last value, as every upstream map does.
    pub(crate) fn u32_map(&mut self, field: &'static str) -> Result<BTreeMap<u16, u32>> {
        let count = self.u16(field)?;
        let mut map = BTreeMap::new();
        for _ in 0..count {
            let key = self.u16(field)?;
            let value = self.u32(field)?;
            map.insert(key, value);
        }
        Ok(map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_longer_than_u16_are_refused_not_wrapped() {
        let mut w = Writer::default();
        let long = "x".repeat(65536);
        assert_eq!(w.string("channel name", &long), Err(Error::FieldTooLong { field: "channel name", len: 65536 }));
        assert!(w.string("channel name", &long[..65535]).is_ok());
        assert_eq!(w.len(), 65537);
    }

    #[test]
    fn round_trip_and_truncation() {
        let mut w = Writer::default();
        w.u16(7);
        w.u32(0xdead_beef);
        w.i16(-1);
        w.string("s", "héllo").unwrap();
        let mut map = BTreeMap::new();
        map.insert(4, 40);
        map.insert(1, 10);
        w.u32_map("m", &map).unwrap();
        let bytes = w.into_inner();
        let mut r = Reader::new(&bytes);
        assert_eq!(r.u16("a").unwrap(), 7);
        assert_eq!(r.u32("b").unwrap(), 0xdead_beef);
        assert_eq!(r.i16("c").unwrap(), -1);
        assert_eq!(r.string("s").unwrap(), "héllo");
        assert_eq!(r.u32_map("m").unwrap(), map);
        assert!(r.is_empty());

        let mut short = Reader::new(&bytes[..bytes.len() - 1]);
        short.u16("a").unwrap();
        short.u32("b").unwrap();
        short.i16("c").unwrap();
        short.string("s").unwrap();
        assert_eq!(short.u32_map("privileges"), Err(Error::Truncated { field: "privileges" }));
    }

    #[test]
    fn map_keys_are_packed_ascending() {
        let mut map = BTreeMap::new();
        map.insert(3u16, 1u32);
        map.insert(1, 2);
        let mut w = Writer::default();
        w.u32_map("m", &map).unwrap();
        assert_eq!(w.into_inner(), [2, 0, 1, 0, 2, 0, 0, 0, 3, 0, 1, 0, 0, 0]);
    }
}
