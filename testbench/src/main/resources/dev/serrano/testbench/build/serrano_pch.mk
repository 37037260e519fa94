# Precompiles serrano_prelude.h with exactly the flags of the generated Makefile's C++ rules.
include Vdut.mk

serrano_prelude.h.gch: ../serrano_prelude.h
	$(CXX) $(CXXFLAGS) $(CPPFLAGS) $(OPT_FAST) -x c++-header -o $@ $<
