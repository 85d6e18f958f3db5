package dev.rekindle.nlu.features;

import opennlp.tools.stemmer.PorterStemmer;

/** Porter stems of tokens. OpenNLP's {@link PorterStemmer} keeps state while it works, so each call makes its own. */
public final class Stems {
    private Stems() {}

    public static String[] of(String[] tokens) {
        PorterStemmer stemmer = new PorterStemmer();
        String[] out = new String[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            out[i] = t.length() <= 2 || !isLetters(t) ? t : stemmer.stem(t);
        }
        return out;
    }

    private static boolean isLetters(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }
}
