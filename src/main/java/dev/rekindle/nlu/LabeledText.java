package dev.rekindle.nlu;

/**
 * One training or test example: a message and the label a person gave it.
 *
 * @param label an intent name; free text here (CLINC150 brings 150 of its own), but never blank and never with
 *              white space
 * @param text  the message as a partner would write it
 */
public record LabeledText(String label, String text) {
    public LabeledText {
        if (label == null || label.isBlank() || label.codePoints().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a label must be one word without spaces: '" + label + "'");
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the text of a '" + label + "' example is empty");
        }
    }
}
