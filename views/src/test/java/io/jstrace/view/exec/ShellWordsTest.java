package io.jstrace.view.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {

    @Test
    void plainWordsStayAsTheyAre() {
        assertEquals("cc -c a.c -o a.o --flag=x,y:z @file 50%", ShellWords.join(List.of("cc", "-c", "a.c", "-o", "a.o",
                "--flag=x,y:z", "@file", "50%")));
    }

    @Test
    void spacesAndShellCharactersAreSingleQuoted() {
        assertEquals("sh -c 'echo \"$HOME\" | wc; ls *'", ShellWords.join(List.of("sh", "-c", "echo \"$HOME\" | wc; ls *")));
    }

    @Test
    void aSingleQuoteInsideClosesAndReopens() {
        assertEquals("echo 'it'\\''s'", ShellWords.join(List.of("echo", "it's")));
    }

    @Test
    void theEmptyWordIsKept() {
        assertEquals("printf '' x", ShellWords.join(List.of("printf", "", "x")));
    }

    @Test
    void controlCharactersKeepTheCommandOnOneLine() {
        assertEquals("printf $'a\\nb\\tc\\x01\\'d'", ShellWords.join(List.of("printf", "a\nb\tc\u0001'd")));
    }

    /** A byte that is not UTF-8 is bash's \xHH; valid UTF-8 stays text; an astral character is not mistaken for one. */
    @Test
    void bytesThatAreNotUtf8AreHexEscaped() {
        String word = io.jstrace.core.TraceeText.text(new byte[] {'a', (byte) 0xff, (byte) 0xc3, (byte) 0xbc, (byte) 0xfe});
        assertEquals("ls $'a\\xff\u00fc\\xfe'", ShellWords.join(List.of("ls", word)));
        assertEquals("echo '\uD800\uDC80'", ShellWords.join(List.of("echo", "\uD800\uDC80")));
    }
}
