package dev.rekindle.app;
public class Main { public static void main(String[] a) { } }
