// Binary search over arrays kept sorted by `key`: the store's rows and its filtered view.

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
