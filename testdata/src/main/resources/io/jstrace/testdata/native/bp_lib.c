/* The library bp_threads dlopens: lib_target returns a + b. */
long lib_target(long a, long b) {
    return a + b;
}
