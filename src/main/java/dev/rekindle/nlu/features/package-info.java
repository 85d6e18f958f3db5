/**
 * Our OpenNLP feature generators: word and stem bags, word n-grams and character n-grams.
 */
package dev.rekindle.nlu.features;
