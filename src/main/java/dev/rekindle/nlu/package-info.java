/**
 * Intent understanding over Apache OpenNLP: the trainer, the model and its fingerprinted store, the
 * out-of-scope rule and its tuner, cross-validation and evaluation.
 */
package dev.rekindle.nlu;
