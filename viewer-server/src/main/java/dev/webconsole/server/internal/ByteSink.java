package dev.webconsole.server.internal;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** A growable byte array as an OutputStream; {@code toByteBuffer} hands the array over without a copy. */
final class ByteSink extends OutputStream {
    private static final byte[] EMPTY = new byte[0];

    private byte[] bytes;
    private int size;

    ByteSink(int capacity) {
        bytes = capacity == 0 ? EMPTY : new byte[capacity];
    }

    @Override
    public void write(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
        }
    }

    int capacity() {
        return bytes.length;
    }

    void reset() {
        size = 0;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    ByteBuffer toByteBuffer() {
        return ByteBuffer.wrap(bytes, 0, size);
    }
}
