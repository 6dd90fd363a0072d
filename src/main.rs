fn main() {
    #[cfg(target_arch = "wasm32")]
    calcinosis_guide::start();
}
