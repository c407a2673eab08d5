package io.jstrace.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExecFilenameTest {

    private static byte[] auxv(long... pairs) {
        ByteBuffer b = ByteBuffer.allocate(8 * pairs.length).order(ByteOrder.nativeOrder());
        for (long v : pairs) b.putLong(v);
        return b.array();
    }

    @Test
    void findsAtExecfn() {
        assertEquals(0x7ffd1234L, ExecFilename.execfn(auxv(6, 4096, 31, 0x7ffd1234L, 0, 0)));
    }

    @Test
    void stopsAtAtNullAndToleratesATruncatedVector() {
        assertEquals(0, ExecFilename.execfn(auxv(6, 4096, 0, 0, 31, 99)));
        assertEquals(0, ExecFilename.execfn(new byte[12]));
    }

    @Test
    void readsOurOwnPathAsTheKernelKeptIt() throws Exception {
        String path = ExecFilename.read((int) ProcessHandle.current().pid());
        assertNotNull(path);
        assertEquals(Files.readSymbolicLink(Path.of("/proc/self/exe")).getFileName(), Path.of(path).toRealPath().getFileName());
    }

    @Test
    void aMissingProcessGivesNull() {
        assertEquals(null, ExecFilename.read(Integer.MAX_VALUE));
    }
}
