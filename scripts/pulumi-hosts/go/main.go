// Command pulumi-language-hosts is this project's stand-in for Pulumi's per-language host plugins, whose
// Go modules the module proxy does not serve. One binary, installed under several names:
//
//   - pulumi-language-python runs Python programs (with the pulumi-language-python-exec script that
//     sdk/v3 ships) and generates Python code;
//   - pulumi-language-go generates Go code (it cannot run Go programs);
//   - pulumi-language-codegen -language=nodejs is started on demand by the Node.js host
//     (language-host.ts), which forwards the code-generation calls to it.
//
// Code generation (GeneratePackage, GenerateProgram, GenerateProject) is Pulumi's own, from pkg/v3/codegen;
// Link adds a generated SDK to a program the way each ecosystem expects.
//
// The CLI starts a host with `[flags] <engine-address>` and reads its port from the first line of stdout.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// version is set by the linker to the Pulumi version whose generators are built in.
var version = "dev"

func main() {
	language := flag.String("language", languageFromExecutableName(),
		"the language to serve: python, go or nodejs (default: from the executable's name)")
	showVersion := flag.Bool("version", false, "print the version and exit")
	flag.String("tracing", "", "accepted for compatibility with the CLI; tracing is not emitted")
	flag.String("root", "", "accepted for compatibility with the CLI")
	flag.Parse()
	logging.InitLogging(false, 0, false)

	if *showVersion {
		fmt.Println(version)
		return
	}
	lang, ok := languages[*language]
	if !ok {
		cmdutil.Exit(fmt.Errorf("unsupported language %q: expected python, go or nodejs", *language))
	}
	engineAddress := flag.Arg(0)

	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt)
	defer cancel()
	if engineAddress != "" {
		// Exit when the engine goes away without shutting us down.
		if err := rpcutil.Healthcheck(ctx, engineAddress, 5*time.Minute, cancel); err != nil {
			cmdutil.Exit(fmt.Errorf("could not start the engine health check: %w", err))
		}
	}
	stop := make(chan bool)
	go func() {
		<-ctx.Done()
		close(stop)
	}()

	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: stop,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, newHost(lang, engineAddress))
			return nil
		},
	})
	if err != nil {
		cmdutil.Exit(fmt.Errorf("could not start the language host's gRPC server: %w", err))
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		cmdutil.Exit(fmt.Errorf("the language host stopped serving: %w", err))
	}
}

// languageFromExecutableName reads "python" from pulumi-language-python.
func languageFromExecutableName() string {
	return strings.TrimPrefix(filepath.Base(os.Args[0]), "pulumi-language-")
}

func newHost(lang *language, engineAddress string) pulumirpc.LanguageRuntimeServer {
	generator := &codegenHost{lang: lang}
	if lang.name == "python" {
		return newPythonHost(generator, engineAddress)
	}
	return generator
}
