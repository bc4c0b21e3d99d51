package main

import (
	"github.com/spf13/cobra"
)

func newCompletionCmd(s *streams) *cobra.Command {
	return &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "Print the shell completion script for bash, zsh, fish or PowerShell",
		Long: `Prints a script that makes the shell complete spbe's commands, flags and flag
values: formats, languages, embedded rubric ids and rubric files, predicates
for --target and --min-predicate, layouts, --group-by and --fail-on.

bash: needs the bash-completion package (apt install bash-completion, dnf
install bash-completion, brew install bash-completion@2). Then, for new shells:
  spbe completion bash > ~/.local/share/bash-completion/completions/spbe
or, for the current shell only: source <(spbe completion bash)

zsh: write the script into a folder of $fpath, once compinit runs in ~/.zshrc
(autoload -U compinit; compinit):
  spbe completion zsh > "${fpath[1]}/_spbe"

fish:
  spbe completion fish > ~/.config/fish/completions/spbe.fish

PowerShell (Windows): add this line to your profile (notepad $PROFILE):
  spbe completion powershell | Out-String | Invoke-Expression

Start a new shell afterwards.`,
		Example: `  $ spbe completion bash > ~/.local/share/bash-completion/completions/spbe
  $ spbe completion zsh > "${fpath[1]}/_spbe"
  $ spbe completion fish > ~/.config/fish/completions/spbe.fish
  $ spbe completion powershell > spbe.ps1`,
		ValidArgs:             []string{"bash", "zsh", "fish", "powershell"},
		Args:                  usageArgs(cobra.MatchAll(exactArgs(1), cobra.OnlyValidArgs)),
		DisableFlagsInUseLine: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			root := cmd.Root()
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(s.Out, true)
			case "zsh":
				return root.GenZshCompletion(s.Out)
			case "fish":
				return root.GenFishCompletion(s.Out, true)
			default:
				return root.GenPowerShellCompletionWithDesc(s.Out)
			}
		},
	}
}
