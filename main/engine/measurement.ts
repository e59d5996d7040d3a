// What benchmarks may use of the engine's runtime besides the engine itself: the bare session.run
// decode loop the engine's overhead is measured against, the model-folder resolver and the element
// sizes of ONNX tensor types (for the bytes-per-token bandwidth bound).
export { bareGreedy } from './runtime/bare-decode';
export { resolveModelFolder } from './runtime/model-folder';
export { ELEMENT_BYTES } from './runtime/onnx-scan';
