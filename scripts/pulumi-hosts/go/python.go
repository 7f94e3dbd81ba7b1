package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
	"google.golang.org/protobuf/types/known/emptypb"
)

const (
	// The script sdk/v3 ships to run a Python program, installed beside this host.
	pythonExecScript = "pulumi-language-python-exec"
	// The exit code of a program that has already shown the user why it failed.
	pythonExitAfterReportingError = 32
)

// pythonHost runs Python programs: `pulumi-language-python-exec` in the program's virtual environment, or,
// without one, with PULUMI_PYTHON_CMD, which defaults to the tool cache's Python (it has `pulumi`).
type pythonHost struct {
	*codegenHost
	engineAddress string
	execScript    string
	cancel        context.CancelFunc
	cancelled     context.Context
}

func newPythonHost(generator *codegenHost, engineAddress string) *pythonHost {
	self, err := os.Executable()
	if err != nil {
		self = os.Args[0]
	}
	binDir := filepath.Dir(self)
	if os.Getenv("PULUMI_PYTHON_CMD") == "" {
		toolPython := filepath.Join(binDir, "..", "python", "bin", "python")
		if _, err := os.Stat(toolPython); err == nil {
			os.Setenv("PULUMI_PYTHON_CMD", toolPython)
		}
	}
	cancelled, cancel := context.WithCancel(context.Background())
	return &pythonHost{
		codegenHost:   generator,
		engineAddress: engineAddress,
		execScript:    filepath.Join(binDir, pythonExecScript),
		cancel:        cancel,
		cancelled:     cancelled,
	}
}

// pythonOptions reads the runtime options of Pulumi.yaml: virtualenv and toolchain (pip, poetry, uv).
func pythonOptions(info *pulumirpc.ProgramInfo) (toolchain.PythonOptions, error) {
	options := toolchain.PythonOptions{Root: info.RootDirectory, ProgramDir: info.ProgramDirectory}
	values := info.Options.AsMap()
	if v, ok := values["virtualenv"]; ok {
		venv, isString := v.(string)
		if !isString {
			return options, errors.New("the virtualenv option must be a string")
		}
		options.Virtualenv = venv
	}
	if v, ok := values["toolchain"]; ok {
		switch v {
		case "pip":
			options.Toolchain = toolchain.Pip
		case "poetry":
			options.Toolchain = toolchain.Poetry
		case "uv":
			options.Toolchain = toolchain.Uv
		default:
			return options, fmt.Errorf("unsupported toolchain option %v: expected pip, poetry or uv", v)
		}
	}
	return options, nil
}

// pythonToolchain is the toolchain (pip, poetry or uv, in its virtualenv) the program's options name.
func pythonToolchain(info *pulumirpc.ProgramInfo) (toolchain.Toolchain, error) {
	options, err := pythonOptions(info)
	if err != nil {
		return nil, err
	}
	return toolchain.ResolveToolchain(options)
}

func (h *pythonHost) Handshake(
	ctx context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.engineAddress = req.EngineAddress
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

// GetRequiredPackages answers none: the engine loads the provider a resource names when it registers.
func (h *pythonHost) GetRequiredPackages(
	context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (h *pythonHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	tc, err := pythonToolchain(req.Info)
	if err != nil {
		return nil, err
	}
	if err := tc.ValidateVenv(ctx); err != nil {
		return nil, err
	}
	// The program ends when the Cancel RPC comes or when the engine gives up on this call.
	runCtx, stop := context.WithCancel(h.cancelled)
	defer stop()
	context.AfterFunc(ctx, stop)
	cmd, err := tc.Command(runCtx, append([]string{h.execScript}, h.execArguments(req)...)...)
	if err != nil {
		return nil, err
	}
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 5 * time.Second
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	// The exec script reads the config as a JSON object: a stack without config gets {} rather than null.
	config, err := json.Marshal(orEmpty(req.Config))
	if err != nil {
		return nil, err
	}
	secretKeys, err := json.Marshal(append([]string{}, req.ConfigSecretKeys...))
	if err != nil {
		return nil, err
	}
	if cmd.Env == nil {
		cmd.Env = os.Environ()
	}
	cmd.Env = append(cmd.Env, "PULUMI_CONFIG="+string(config), "PULUMI_CONFIG_SECRET_KEYS="+string(secretKeys))

	err = cmd.Run()
	var exitErr *exec.ExitError
	switch {
	case err == nil:
		return &pulumirpc.RunResponse{}, nil
	case errors.As(err, &exitErr) && exitErr.ExitCode() == pythonExitAfterReportingError:
		return &pulumirpc.RunResponse{Bail: true}, nil
	case errors.As(err, &exitErr):
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("program exited with non-zero exit code: %d", exitErr.ExitCode())}, nil
	default:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run the Python program: %v", err)}, nil
	}
}

// execArguments are the command line of pulumi-language-python-exec.
func (h *pythonHost) execArguments(req *pulumirpc.RunRequest) []string {
	var args []string
	add := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	add("monitor", req.MonitorAddress)
	add("engine", h.engineAddress)
	add("project", req.Project)
	add("root_directory", req.Info.RootDirectory)
	add("stack", req.Stack)
	add("pwd", req.Pwd)
	add("dry_run", strconv.FormatBool(req.DryRun))
	add("parallel", strconv.Itoa(int(req.Parallel)))
	add("organization", req.Organization)
	args = append(args, req.Info.EntryPoint)
	return append(args, req.Args...)
}

// InstallDependencies makes the program's virtual environment and installs its requirements.
func (h *pythonHost) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	tc, err := pythonToolchain(req.Info)
	if err != nil {
		return err
	}
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.IsTerminal)
	if err != nil {
		return err
	}
	defer closer.Close()
	fmt.Fprintln(stdout, "Installing dependencies...")
	if err := tc.InstallDependencies(server.Context(), req.Info.ProgramDirectory, req.UseLanguageVersionTools,
		true, stdout, stderr); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "Finished installing dependencies")
	return closer.Close()
}

func (h *pythonHost) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	tc, err := pythonToolchain(req.Info)
	if err != nil {
		return nil, err
	}
	info, err := tc.About(ctx)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.AboutResponse{Executable: info.PythonExecutable, Version: info.PythonVersion.String()}, nil
}

func (h *pythonHost) GetProgramDependencies(
	ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	tc, err := pythonToolchain(req.Info)
	if err != nil {
		return nil, err
	}
	packages, err := tc.ListPackages(ctx, req.TransitiveDependencies)
	if err != nil {
		return nil, err
	}
	dependencies := make([]*pulumirpc.DependencyInfo, 0, len(packages))
	for _, p := range packages {
		dependencies = append(dependencies, &pulumirpc.DependencyInfo{Name: p.Name, Version: p.Version})
	}
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: dependencies}, nil
}

func (h *pythonHost) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	h.cancel()
	return &emptypb.Empty{}, nil
}

func orEmpty(values map[string]string) map[string]string {
	if values == nil {
		return map[string]string{}
	}
	return values
}
