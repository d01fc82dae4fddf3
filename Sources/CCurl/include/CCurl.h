// Non-variadic wrappers over the parts of libcurl that pollster uses.
//
// curl_easy_setopt, curl_easy_getinfo and curl_multi_setopt are variadic, which Swift
// cannot call; each wrapper fixes one argument type. CURL_STRICTER makes the handles
// distinct incomplete struct types, so Swift imports them as OpaquePointer rather than
// interchangeable raw pointers.
#ifndef C_CURL_H
#define C_CURL_H

#define CURL_STRICTER
#include <curl/curl.h>

/// The shape of CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION callbacks.
typedef size_t (*c_curl_data_callback)(char *data, size_t size, size_t count, void *context);

/// curl_global_init(CURL_GLOBAL_ALL).
CURLcode c_curl_global_init_all(void);

CURLcode c_curl_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode c_curl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
CURLcode c_curl_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode c_curl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode c_curl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode c_curl_easy_setopt_callback(CURL *handle, CURLoption option, c_curl_data_callback value);

CURLcode c_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode c_curl_easy_getinfo_double(CURL *handle, CURLINFO info, double *value);
CURLcode c_curl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value);
CURLcode c_curl_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value);

CURLMcode c_curl_multi_setopt_long(CURLM *multi, CURLMoption option, long value);
CURLMcode c_curl_multi_setopt_pointer(CURLM *multi, CURLMoption option, void *value);

/// The shape of CURLMOPT_SOCKETFUNCTION callbacks.
typedef int (*c_curl_socket_callback)(CURL *easy, curl_socket_t socket, int what, void *context, void *socket_context);
/// The shape of CURLMOPT_TIMERFUNCTION callbacks.
typedef int (*c_curl_timer_callback)(CURLM *multi, long timeout_ms, void *context);

CURLMcode c_curl_multi_setopt_socket_callback(CURLM *multi, c_curl_socket_callback callback, void *context);
CURLMcode c_curl_multi_setopt_timer_callback(CURLM *multi, c_curl_timer_callback callback, void *context);

/// curl_multi_socket_action for CURL_SOCKET_TIMEOUT (a macro Swift cannot import).
CURLMcode c_curl_multi_socket_timeout(CURLM *multi, int *running);

/// CURLMsg.data is a union; Swift cannot read its `result` member directly.
CURLcode c_curl_msg_result(const CURLMsg *message);

#endif
