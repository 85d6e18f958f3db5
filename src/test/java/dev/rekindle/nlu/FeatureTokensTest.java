package dev.rekindle.nlu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class FeatureTokensTest {
    private static final Pipeline ALL = IntentParams.defaults().pipeline();
    private static final Pipeline NONE = new Pipeline(false, false, false, true, true, 1, 0, 0);

    @Test
    void apostrophesInsideWordsDisappearWhateverTheQuoteCharacter() {
        assertArrayEquals(new String[] {"i", "dont", "know", "hes", "out"}, ALL.tokens("I don’t know; he's OUT!"));
        assertArrayEquals(new String[] {"dont", "quote"}, ALL.tokens("don`t 'quote'"));
    }

    @Test
    void accentsRepeatsAndDigitsFoldWhenAsked() {
        assertArrayEquals(
                new String[] {"cafe", "soo", "good", "at", "0pm", "0"}, ALL.tokens("Café sooooo goood at 7pm 2026"));
        assertArrayEquals(
                new String[] {"café", "sooooo", "goood", "at", "7pm", "2026"},
                NONE.tokens("Café sooooo goood at 7pm 2026"));
    }

    @Test
    void fullWidthAndEmptyTextAreHandled() {
        assertArrayEquals(new String[] {"hello"}, ALL.tokens("ＨＥＬＬＯ"));
        assertArrayEquals(new String[0], ALL.tokens(""));
        assertArrayEquals(new String[0], ALL.tokens(null));
        assertArrayEquals(new String[0], ALL.tokens("?! ..."));
    }
}
