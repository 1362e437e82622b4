package io.microflask.render;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ByteBufWriterTest {

    private static String written(java.util.function.Consumer<ByteBufWriter> writes) {
        ByteBuf buffer = Unpooled.buffer(4);
        try {
            ByteBufWriter writer = new ByteBufWriter(buffer);
            writes.accept(writer);
            writer.close();
            return buffer.toString(StandardCharsets.UTF_8);
        } finally {
            buffer.release();
        }
    }

    @Test
    void encodesStringsCharArraysAndSingleCharsAsUtf8() {
        assertEquals("a<é€😀>z", written(w -> {
            w.write('a');
            w.write("<é€".toCharArray(), 0, 3);
            w.write("x😀>y", 1, 3);
            w.append('z');
        }));
    }

    @Test
    void joinsASurrogatePairSplitAcrossWrites() {
        String emoji = "😀";
        assertEquals("[😀]", written(w -> {
            w.write("[" + emoji.charAt(0));
            w.write(emoji.charAt(1) + "]");
        }));
        assertEquals("😀", written(w -> {
            w.write(emoji.charAt(0));
            w.write(emoji.charAt(1));
        }));
        // char[] runs are how Mustache writes text and escaped values
        assertEquals("ab😀cd", written(w -> {
            w.write(("ab" + emoji.charAt(0)).toCharArray(), 0, 3);
            w.write((emoji.charAt(1) + "cd").toCharArray(), 0, 3);
        }));
    }

    @Test
    void aLoneSurrogateBecomesAQuestionMarkLikeTheJdkEncoder() {
        String lone = "\uD83D";
        assertEquals(new String((lone + "x").getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8),
                written(w -> w.write(lone + "x")));
        assertEquals("?", written(w -> w.write(lone)));
    }
}
