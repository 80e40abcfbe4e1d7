module go-crossbuild/crossexec

go 1.16
