/*
 * Callgrind client requests for the instruction-count benchmark (bench/instructions/):
 * zero() resets callgrind's counters, dump(label) writes the instructions executed since
 * into a dump named `label`. Outside valgrind both are no-ops. Built on demand by
 * index.mjs with the machine's C compiler against Node's own headers; never shipped.
 */
#include <node_api.h>
#include <valgrind/callgrind.h>
#include <valgrind/valgrind.h>

static napi_value zero(napi_env env, napi_callback_info info) {
  (void)env;
  (void)info;
  CALLGRIND_ZERO_STATS;
  return NULL;
}

static napi_value dump(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  char label[128];
  size_t length = 0;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1 ||
      napi_get_value_string_utf8(env, argv[0], label, sizeof label, &length) != napi_ok) {
    napi_throw_type_error(env, NULL, "dump(label): label must be a string");
    return NULL;
  }
  CALLGRIND_DUMP_STATS_AT(label);
  return NULL;
}

static napi_value running(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value result;
  napi_get_boolean(env, RUNNING_ON_VALGRIND ? true : false, &result);
  return result;
}

NAPI_MODULE_INIT() {
  const struct { const char *name; napi_callback fn; } methods[] = {
      {"zero", zero}, {"dump", dump}, {"running", running}};
  for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
    napi_value fn;
    napi_create_function(env, methods[i].name, NAPI_AUTO_LENGTH, methods[i].fn, NULL, &fn);
    napi_set_named_property(env, exports, methods[i].name, fn);
  }
  return exports;
}
