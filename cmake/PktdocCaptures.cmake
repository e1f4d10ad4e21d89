# Which captures the tests run on: the bundled ones in captures/ and those named by the
# test_cases.tsv tables (the project's own and PKTDOC_EXTRA_CASES).
#
# A table has the header `capture<TAB>example<TAB>conditions` and one row per golden test;
# a capture path is relative to the table's folder.

# pktdoc_read_case_table(TABLE OUT_ROWS): sets OUT_ROWS to a list of "capture|example|conditions"
# rows with absolute capture paths. Fails on a malformed table, naming the line.
function(pktdoc_read_case_table table out_rows)
  get_filename_component(table_dir "${table}" DIRECTORY)
  if(NOT EXISTS "${table}")
    message(FATAL_ERROR "test case table not found: ${table}")
  endif()
  file(STRINGS "${table}" lines)
  set(rows "")
  set(line_number 0)
  foreach(line IN LISTS lines)
    math(EXPR line_number "${line_number} + 1")
    if(line_number EQUAL 1)
      if(NOT line STREQUAL "capture\texample\tconditions")
        message(FATAL_ERROR "${table}:1: the header must be 'capture<TAB>example<TAB>conditions'")
      endif()
      continue()
    endif()
    if(line STREQUAL "")
      continue()
    endif()
    string(REPLACE "\t" ";" fields "${line}")
    list(LENGTH fields field_count)
    if(field_count LESS 3)
      message(FATAL_ERROR "${table}:${line_number}: expected capture<TAB>example<TAB>conditions")
    endif()
    list(GET fields 0 capture)
    list(GET fields 1 example)
    list(SUBLIST fields 2 -1 conditions)
    string(REPLACE ";" " " conditions "${conditions}")
    string(REPLACE "|" "/" conditions "${conditions}")
    get_filename_component(capture "${capture}" ABSOLUTE BASE_DIR "${table_dir}")
    list(APPEND rows "${capture}|${example}|${conditions}")
  endforeach()
  set(${out_rows} "${rows}" PARENT_SCOPE)
endfunction()

# pktdoc_all_case_rows(OUT_ROWS): the rows of the project's test_cases.tsv and of every
# PKTDOC_EXTRA_CASES table.
function(pktdoc_all_case_rows out_rows)
  set(all "")
  set(tables "${PROJECT_SOURCE_DIR}/test_cases.tsv" ${PKTDOC_EXTRA_CASES})
  foreach(table IN LISTS tables)
    get_filename_component(table "${table}" ABSOLUTE BASE_DIR "${PROJECT_SOURCE_DIR}")
    pktdoc_read_case_table("${table}" rows)
    list(APPEND all ${rows})
  endforeach()
  set(${out_rows} "${all}" PARENT_SCOPE)
endfunction()

# pktdoc_all_captures(OUT_CAPTURES): every capture the tests know, bundled or from a table, once.
function(pktdoc_all_captures out_captures)
  file(GLOB bundled "${PROJECT_SOURCE_DIR}/captures/*.pcap" "${PROJECT_SOURCE_DIR}/captures/*.pcapng"
       "${PROJECT_SOURCE_DIR}/captures/*.cap")
  pktdoc_all_case_rows(rows)
  set(captures ${bundled})
  foreach(row IN LISTS rows)
    string(REPLACE "|" ";" fields "${row}")
    list(GET fields 0 capture)
    list(APPEND captures "${capture}")
  endforeach()
  list(REMOVE_DUPLICATES captures)
  set(${out_captures} "${captures}" PARENT_SCOPE)
endfunction()
