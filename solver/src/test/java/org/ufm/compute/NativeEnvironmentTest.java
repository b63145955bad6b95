package org.ufm.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.NativeLibrary;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NativeEnvironmentTest {

    @Test
    void setenvReachesTheCEnvironment() {
        assertTrue(NativeEnvironment.set(Map.of("UFM_NATIVE_ENVIRONMENT_TEST", "42")));
        String seenByC = NativeLibrary.getInstance("c").getFunction("getenv")
                .invokeString(new Object[] {"UFM_NATIVE_ENVIRONMENT_TEST"}, false);
        assertEquals("42", seenByC, "libc's getenv sees what set() put there");
        assertEquals("42", NativeEnvironment.getenv("UFM_NATIVE_ENVIRONMENT_TEST"));
        assertEquals("42", NativeEnvironment.setHere().get("UFM_NATIVE_ENVIRONMENT_TEST"));
    }

    @Test
    void jnaSearchPathIsGivenOnlyWhereTheUserGaveNone() {
        String before = System.getProperty(NativeEnvironment.JNA_PATH);
        try {
            System.clearProperty(NativeEnvironment.JNA_PATH);
            NativeEnvironment.noLdconfig();
            assertEquals(System.getProperty("java.library.path", ""), System.getProperty(NativeEnvironment.JNA_PATH),
                    "unset: the JVM's library path, so that JNA does not run ldconfig");
            System.setProperty(NativeEnvironment.JNA_PATH, "/opt/mine");
            NativeEnvironment.noLdconfig();
            assertEquals("/opt/mine", System.getProperty(NativeEnvironment.JNA_PATH), "the user's own path is kept");
        } finally {
            if (before == null) {
                System.clearProperty(NativeEnvironment.JNA_PATH);
            } else {
                System.setProperty(NativeEnvironment.JNA_PATH, before);
            }
        }
    }
}
