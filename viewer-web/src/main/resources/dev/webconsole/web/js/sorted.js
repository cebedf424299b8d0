// Arrays kept sorted by `key` (the store's rows and its filtered view): binary search and merging.

/** First index in a key-sorted array whose key is > key. */
export function upperBound(arr, key) {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid].key <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in a key-sorted array whose key is >= key. */
export function lowerBound(arr, key) {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid].key < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The entries of two key-sorted arrays in one key-sorted array (`a` itself when `b` is empty). */
export function mergeByKey(a, b) {
  if (!b.length) return a;
  if (!a.length) return b;
  const out = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i].key <= b[j].key ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}
