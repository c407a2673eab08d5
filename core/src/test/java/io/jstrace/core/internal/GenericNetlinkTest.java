package io.jstrace.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenericNetlinkTest {
    /** The kernel's controller registers itself first, as GENL_ID_CTRL (0x10) named "nlctrl" (genetlink.h). */
    @Test
    void theKernelNamesItsController() {
        assertEquals("nlctrl", GenericNetlink.families().get(0x10));
    }

    /** A CTRL_CMD_NEWFAMILY answer: genlmsghdr {cmd 1, version 2}, CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME. */
    @Test
    void familyIdAndNameFromTheAnswer() {
        ByteBuffer m = ByteBuffer.allocate(24).order(ByteOrder.nativeOrder());
        m.put((byte) 1).put((byte) 2).putShort((short) 0);
        m.putShort((short) 6).putShort((short) 1).putShort((short) 0x1c).putShort((short) 0);
        m.putShort((short) 12).putShort((short) 2).put("devlink\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Map<Integer, String> out = new HashMap<>();
        GenericNetlink.family(m, 0, 24, out);
        assertEquals(Map.of(0x1c, "devlink"), out);
        // another command, or another version of the controller, names nothing
        m.put(0, (byte) 2);
        Map<Integer, String> none = new HashMap<>();
        GenericNetlink.family(m, 0, 24, none);
        assertEquals(Map.of(), none);
    }
}
